package io.waspada.schemas;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The specific model, with the branch of an optional field ({@code ["null", T]} or {@code [T, "null"]}) chosen by
 * whether the value is null, instead of by looking its schema name up among the branches: the look-up was a tenth of
 * a batch's writing time at ingest (every optional string of every subject). Other unions resolve as before; a value
 * that does not fit the non-null branch still fails when it is written.
 */
final class OptionalUnionData extends SpecificData {

    OptionalUnionData(ClassLoader classLoader) {
        super(classLoader);
    }

    @Override
    public int resolveUnion(Schema union, Object datum) {
        List<Schema> branches = union.getTypes();
        if (branches.size() == 2) {
            if (branches.get(0).getType() == Schema.Type.NULL) {
                return datum == null ? 0 : 1;
            }
            if (branches.get(1).getType() == Schema.Type.NULL) {
                return datum == null ? 1 : 0;
            }
        }
        return super.resolveUnion(union, datum);
    }
}
