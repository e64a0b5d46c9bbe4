package io.waspada.correlation.rulebook;

/**
 * Turns a rule document (YAML source, one rule) into the rule it describes, or says what is wrong with it, line by
 * line. The seam between the runtime rule book and the rule language's parser.
 */
public interface RuleCompiler {

    CompiledRule compile(String source) throws RuleDocumentException;
}
