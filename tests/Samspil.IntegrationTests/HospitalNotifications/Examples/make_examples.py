#!/usr/bin/env python3
"""Builds the synthetic MedCom HospitalNotification example messages in this folder.

The shape follows the MedCom HospitalNotification IG 2.0.0 (medcomdk/dk-medcom-hospitalnotification,
input/fsh/Testexamples and the profiles MedComHospitalNotificationMessage/-MessageHeader/-Encounter,
MedComMessagingProvenance): a Bundle of type message whose first entry is the MessageHeader (event
hospital-notification-message, primary destination, sender and receiver Organizations with SOR and
EAN identifiers, focus -> Encounter), one Patient with a CPR identifier, the Encounter (status, class
IMP/EMER, episodeOfCare identifier, period, serviceProvider, leave-period extension), and one
Provenance per message in the chain (activity code; entity revision/removal -> the earlier
MessageHeader). Everything is invented: the CPR number is in Samspil's test-only range (born 1858),
the SOR and EAN codes are made up, the names are demo organisations. Ids are UUIDv5 from the message
name, so running the script again gives the same files. Run: python3 make_examples.py
"""
import json
import os
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
NS = uuid.UUID("6f1c2b4e-5a3d-4c1b-9e8f-0a1b2c3d4e5f")
CPR = "2801588999"  # 28-01-1858, 7th digit 8: Samspil's test-only range
BASE = "https://medcomfhir.dk/ig/hospitalnotification/"
ACTIVITY = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes"
SENDER = ("Psykiatrisk Afdeling Odense, sengeafsnit P1 (demo)", "990000000000011", "5790000000011")
RECEIVER = ("Odense Kommune, sygehusadviser (demo)", "990000000000021", "5790000000021")


def uid(name):
    return str(uuid.uuid5(NS, name))


def header_id(message):
    return uid(message + "/MessageHeader")


def organization(name, sor, ean, key):
    return {
        "resourceType": "Organization",
        "id": uid(key),
        "meta": {"profile": ["http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization"]},
        "identifier": [
            {"system": "https://www.gs1.org/gln", "value": ean},
            {"system": "urn:oid:1.2.208.176.1.1", "value": sor},
        ],
        "name": name,
    }


def provenance(message, activity, at, sender_id, previous=None, role=None):
    p = {
        "resourceType": "Provenance",
        "id": uid(message + "/Provenance"),
        "meta": {"profile": ["http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-provenance"]},
        "target": [{"reference": "MessageHeader/" + header_id(message)}],
        "occurredDateTime": at,
        "recorded": at,
        "activity": {"coding": [{"system": ACTIVITY, "code": activity}]},
        "agent": [{"who": {"reference": "Organization/" + sender_id}}],
    }
    if previous:
        p["entity"] = [{"role": role, "what": {"reference": "MessageHeader/" + header_id(previous)}}]
    return p


def message(name, *, activity, status, klass, episode, start, sent, end=None, leave=None, deceased=None,
            previous=None, role="revision", history=()):
    sender = organization(*SENDER, key=name + "/Sender")
    receiver = organization(*RECEIVER, key=name + "/Receiver")
    patient = {
        "resourceType": "Patient",
        "id": uid(name + "/Patient"),
        "meta": {"profile": ["http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-patient"]},
        "identifier": [{"system": "urn:oid:1.2.208.176.1.2", "value": CPR}],
        "name": [{"use": "official", "family": "Demo-Testesen", "given": ["Testa"]}],
    }
    if deceased is not None:
        patient["deceasedBoolean"] = deceased
    encounter = {
        "resourceType": "Encounter",
        "id": uid(name + "/Encounter"),
        "meta": {"profile": ["http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-encounter"]},
        "status": status,
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": klass},
        "subject": {"reference": "Patient/" + patient["id"]},
        "episodeOfCare": [{"identifier": {"system": "https://sor2.sum.dsdn.dk/#id=" + SENDER[1], "value": uid("episode/" + episode)}}],
        "period": {"start": start},
        "serviceProvider": {"reference": "Organization/" + sender["id"]},
    }
    if end:
        encounter["period"]["end"] = end
    if leave:
        encounter["extension"] = [{
            "url": "http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalnotifiation-leave-period-extension",
            "valuePeriod": leave,
        }]
    header = {
        "resourceType": "MessageHeader",
        "id": header_id(name),
        "meta": {"profile": ["http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-messageHeader"]},
        "eventCoding": {"system": "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes", "code": "hospital-notification-message"},
        "destination": [{
            "extension": [{
                "url": "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension",
                "valueCoding": {"system": "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse", "code": "primary"},
            }],
            "endpoint": "https://sor2.sum.dsdn.dk/#id=" + RECEIVER[1],
            "receiver": {"reference": "Organization/" + receiver["id"]},
        }],
        "sender": {"reference": "Organization/" + sender["id"]},
        "source": {"endpoint": "https://sor2.sum.dsdn.dk/#id=" + SENDER[1]},
        "focus": [{"reference": "Encounter/" + encounter["id"]}],
    }
    provenances = [provenance(name, activity, sent, sender["id"], previous, role if previous else None)]
    # MedCom carries the chain of earlier messages' Provenances along in every message.
    for earlier, earlier_activity, earlier_at in history:
        provenances.append(provenance(earlier, earlier_activity, earlier_at, sender["id"]))
    resources = [header, patient, encounter, sender, receiver, *provenances]
    return {
        "resourceType": "Bundle",
        "id": uid(name + "/Bundle"),
        "meta": {"profile": ["http://medcomfhir.dk/ig/hospitalnotification/StructureDefinition/medcom-hospitalNotification-message"]},
        "type": "message",
        "timestamp": sent,
        "entry": [{"fullUrl": BASE + r["resourceType"] + "/" + r["id"], "resource": r} for r in resources],
    }


STIN = ("STIN", "admit-inpatient", "2026-11-16T10:15:02+01:00")
STOR = ("STOR", "start-leave-inpatient", "2026-11-18T13:00:05+01:00")
SLOR = ("SLOR", "end-leave-inpatient", "2026-11-19T18:00:05+01:00")
SLHJ = ("SLHJ", "discharge-inpatient-home", "2026-11-20T19:30:04+01:00")
MORS = ("MORS", "admit-inpatient", "2026-11-21T03:10:02+01:00")
STAA = ("STAA", "admit-emergency", "2026-11-10T14:05:02+01:00")

inpatient = dict(klass="IMP", episode="stay-1", start="2026-11-16T10:15:00+01:00")
acute = dict(klass="EMER", episode="stay-2", start="2026-11-10T14:05:00+01:00")
leave = {"start": "2026-11-18T13:00:00+01:00"}
leave_ended = {"start": "2026-11-18T13:00:00+01:00", "end": "2026-11-19T18:00:00+01:00"}

examples = {
    # Inpatient stay: admitted, leave, back, discharged on a Friday evening (outside daytime).
    "STIN": message("STIN", activity="admit-inpatient", status="in-progress", sent=STIN[2], **inpatient),
    "RE_STIN": message("RE_STIN", activity="revise-admit-inpatient", status="in-progress", sent="2026-11-16T11:00:02+01:00",
                       klass="IMP", episode="stay-1", start="2026-11-16T09:40:00+01:00", previous="STIN", history=[STIN]),
    "AN_STIN": message("AN_STIN", activity="cancel-admit-inpatient", status="entered-in-error", sent="2026-11-16T11:30:02+01:00",
                       previous="STIN", role="removal", history=[STIN], **inpatient),
    "STOR": message("STOR", activity="start-leave-inpatient", status="onleave", sent=STOR[2], leave=leave, previous="STIN", history=[STIN], **inpatient),
    "RE_STOR": message("RE_STOR", activity="revise-start-leave-inpatient", status="onleave", sent="2026-11-18T14:00:05+01:00",
                       leave={"start": "2026-11-18T12:00:00+01:00"}, previous="STOR", history=[STIN, STOR], **inpatient),
    "AN_STOR": message("AN_STOR", activity="cancel-start-leave-inpatient", status="in-progress", sent="2026-11-18T14:30:05+01:00",
                       leave=leave, previous="STOR", role="removal", history=[STIN, STOR], **inpatient),
    "SLOR": message("SLOR", activity="end-leave-inpatient", status="in-progress", sent=SLOR[2], leave=leave_ended, previous="STOR", history=[STIN, STOR], **inpatient),
    "RE_SLOR": message("RE_SLOR", activity="revise-end-leave-inpatient", status="in-progress", sent="2026-11-19T19:00:05+01:00",
                       leave={"start": "2026-11-18T13:00:00+01:00", "end": "2026-11-19T17:00:00+01:00"}, previous="SLOR", history=[STIN, STOR, SLOR], **inpatient),
    "AN_SLOR": message("AN_SLOR", activity="cancel-end-leave-inpatient", status="onleave", sent="2026-11-19T19:30:05+01:00",
                       leave=leave, previous="SLOR", role="removal", history=[STIN, STOR, SLOR], **inpatient),
    "SLHJ": message("SLHJ", activity="discharge-inpatient-home", status="finished", sent=SLHJ[2], end="2026-11-20T19:30:00+01:00",
                    previous="SLOR", history=[STIN, STOR, SLOR], **inpatient),
    "RE_SLHJ": message("RE_SLHJ", activity="revise-discharge-inpatient-home", status="finished", sent="2026-11-20T20:00:04+01:00", end="2026-11-20T11:00:00+01:00",
                       previous="SLHJ", history=[STIN, SLHJ], **inpatient),
    "AN_SLHJ": message("AN_SLHJ", activity="cancel-discharge-inpatient-home", status="in-progress", sent="2026-11-20T20:30:04+01:00",
                       previous="SLHJ", role="removal", history=[STIN, SLHJ], **inpatient),
    # Death during the stay: the current activity with Patient.deceased = true; corrected; cancelled.
    "MORS": message("MORS", activity="admit-inpatient", status="finished", sent=MORS[2], end="2026-11-21T03:10:00+01:00", deceased=True, history=[STIN], **inpatient),
    "RE_MORS": message("RE_MORS", activity="admit-inpatient", status="finished", sent="2026-11-21T04:00:02+01:00", end="2026-11-21T02:50:00+01:00", deceased=True,
                       previous="MORS", history=[STIN, MORS], **inpatient),
    "AN_MORS": message("AN_MORS", activity="admit-inpatient", status="in-progress", sent="2026-11-21T05:00:02+01:00", deceased=False,
                       previous="MORS", role="removal", history=[STIN, MORS], **inpatient),
    # Acute ambulant stay, discharged in daytime.
    "STAA": message("STAA", activity="admit-emergency", status="in-progress", sent=STAA[2], **acute),
    "RE_STAA": message("RE_STAA", activity="revise-admit-emergency", status="in-progress", sent="2026-11-10T14:30:02+01:00",
                       klass="EMER", episode="stay-2", start="2026-11-10T13:50:00+01:00", previous="STAA", history=[STAA]),
    "AN_STAA": message("AN_STAA", activity="cancel-admit-emergency", status="entered-in-error", sent="2026-11-10T14:40:02+01:00",
                       previous="STAA", role="removal", history=[STAA], **acute),
    "SLHJ_STAA": message("SLHJ_STAA", activity="discharge-emergency-home", status="finished", sent="2026-11-10T15:20:04+01:00", end="2026-11-10T15:20:00+01:00",
                         previous="STAA", history=[STAA], **acute),
}

for name, bundle in examples.items():
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(bundle, f, ensure_ascii=False, indent=2)
        f.write("\n")

# Malformed on purpose.
no_cpr = json.loads(json.dumps(examples["STIN"]))
del no_cpr["entry"][1]["resource"]["identifier"]
unknown_activity = json.loads(json.dumps(examples["STIN"]))
unknown_activity["entry"][5]["resource"]["activity"]["coding"][0]["code"] = "admit-to-the-moon"
not_a_message = json.loads(json.dumps(examples["STIN"]))
not_a_message["type"] = "collection"
malformed = {
    "Malformed_NoCpr": no_cpr,
    "Malformed_UnknownActivity": unknown_activity,
    "Malformed_NotAMessage": not_a_message,
    "Malformed_PatientOnly": examples["STIN"]["entry"][1]["resource"],
}
for name, resource in malformed.items():
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(resource, f, ensure_ascii=False, indent=2)
        f.write("\n")
with open(os.path.join(HERE, "Malformed_BrokenJson.json"), "w", encoding="utf-8") as f:
    f.write(json.dumps(examples["STIN"], ensure_ascii=False, indent=2)[:700])
