package io.waspada.notifier.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A configuration element that remembers the line it was read from, so validation errors can name it. */
public abstract class Located {

    @JsonIgnore
    public int line;
}
