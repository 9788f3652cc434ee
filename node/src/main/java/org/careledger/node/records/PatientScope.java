package org.careledger.node.records;

import java.util.List;
import org.careledger.contracts.consent.ConsentGrant;
import org.careledger.contracts.records.PatientRecord;
import org.careledger.contracts.records.RecordMeta;
import org.careledger.node.auth.Caller;

/**
 * What one caller may see of one patient's data. The patient and the patient's guardians see everything; an org's
 * admin, members and node see what their org holds in custody (records it wrote) or holds a grant in force for, and the
 * disclosures and grants that concern those; nobody else sees anything, not even whether the patient has records.
 */
record PatientScope(Caller caller, PatientRecord patient, List<ConsentGrant> grantsInForce) {
    /** The patient or a guardian: may see and manage everything of the patient. */
    boolean isPatientSide() {
        return caller.id().equals("patient/" + patient.patientId()) || patient.guardians().contains(caller.id());
    }

    /** Whether the caller's org wrote the record (holds it in custody). */
    boolean custodianOf(RecordMeta record) {
        return caller.isConsortiumMember() && record.authorOrg().equals(caller.org());
    }

    /** A grant in force that the caller (or the caller's org) holds, covering the record. */
    boolean grantCovers(RecordMeta record) {
        return grantsInForce.stream().anyMatch(g -> holds(g) && g.covers(record.recordId(), record.recordType()));
    }

    /** Whether the caller (or, for an org grant, the caller's org) is the grant's grantee. */
    boolean holds(ConsentGrant g) {
        return caller.isConsortiumMember() && g.heldBy(caller.identity());
    }

    boolean maySee(RecordMeta record) {
        return isPatientSide() || custodianOf(record) || grantCovers(record);
    }
}
