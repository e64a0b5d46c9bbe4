package io.waspada.ingest.api.doc;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The ILO forced-labour and trafficking indicators the API accepts (Vocabulary.INDICATORS). */
@Schema(name = "Indicator", description = "An ILO forced-labour or trafficking indicator")
public enum Indicator {
    DECEPTIVE_RECRUITMENT, DEBT_BONDAGE, DOCUMENTS_HELD_BY_THIRD_PARTY, RESTRICTED_MOVEMENT, ISOLATION,
    INTIMIDATION_THREATS, PHYSICAL_OR_SEXUAL_VIOLENCE, WITHHELD_WAGES, ABUSIVE_CONDITIONS, EXCESSIVE_OVERTIME,
    ABUSE_OF_VULNERABILITY, UNACCOMPANIED_MINOR, GROUP_TRAVEL_SAME_SPONSOR, FRAUDULENT_DOCUMENTS
}
