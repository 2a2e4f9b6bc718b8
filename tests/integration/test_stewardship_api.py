"""Stewardship mutations through the real server over HTTP, with steward tokens."""

from __future__ import annotations

import pytest

from catalog.auth import Role, TokenStore
from graph import Rel
from identity import ids
from tests.conftest import bearer
from tests.support.catalog_graph import add_dataset
from tests.support.server import gql, ok


@pytest.fixture(scope="module")
def stewards(store) -> dict[str, dict[str, str]]:
    """Authorization headers of two named stewards and a reader."""
    made = TokenStore(store)
    return {name: bearer(made.create(name, role)[1])
            for name, role in (("alice", Role.STEWARD), ("bob", Role.STEWARD),
                               ("rita", Role.READER))}

ASSIGNMENT = ("status source score reasons classifierVersion decidedBy decidedAt path "
              "subjectId classification { name sensitivity }")
DATASET = """query($id: ID!) { dataset(id: $id) { description tags { name }
  owners { name role type }
  columns { name classifications { status source decidedBy classification { name } } } } }"""


def column_classes(server, ds):
    cols = ok(gql(server, DATASET, {"id": ds}))["dataset"]["columns"]
    return {c["name"]: {k["classification"]["name"]: k for k in c["classifications"]}
            for c in cols}


def decide(server, kind, col, itype, headers):
    q = (f"mutation($in: ClassificationDecisionInput!) "
         f"{{ {kind}Classification(input: $in) {{ {ASSIGNMENT} }} }}")
    return gql(server, q, {"in": {"subjectId": col, "classification": itype}}, headers=headers)


def test_mutations_need_a_steward_token(server, store, uid, stewards):
    ds = add_dataset(store, uid, "web.guarded", [("email", "varchar")])
    q = "mutation($id: ID!) { classifyDataset(id: $id) { columns } }"
    err = gql(server, q, {"id": ds})["errors"][0]
    assert err["extensions"]["code"] == "UNAUTHENTICATED"
    err = gql(server, q, {"id": ds}, headers=stewards["rita"])["errors"][0]
    assert err["extensions"]["code"] == "FORBIDDEN"
    err = decide(server, "set", ids.column_id(ds, "email"), "PII.Email",
                 stewards["rita"])["errors"][0]
    assert err["extensions"]["code"] == "FORBIDDEN"
    assert column_classes(server, ds)["email"] == {}  # nothing written


def test_classify_then_decide_records_who_and_when(server, store, uid, stewards):
    ds = add_dataset(store, uid, "web.users", [("email", "varchar"),
                                                        ("name", "varchar"),
                                                        ("phone", "varchar")])
    run = ok(gql(server, """mutation($id: ID!) { classifyDataset(id: $id) {
        datasets columns accepted suggested classifierVersion propagation { propagated } } }""",
                 {"id": ds}, headers=stewards["alice"]))["classifyDataset"]
    assert run["columns"] == 3 and run["accepted"] == 2 and run["suggested"] == 1
    assert run["classifierVersion"] and run["propagation"] is not None
    email, name = ids.column_id(ds, "email"), ids.column_id(ds, "name")
    got = ok(decide(server, "reject", email, "PII.Email",
                    stewards["alice"]))["rejectClassification"]
    assert got["status"] == "rejected" and got["decidedBy"] == "alice" and got["decidedAt"]
    assert got["subjectId"] == email and got["source"] == "classifier"
    assert got["classification"] == {"name": "PII.Email", "sensitivity": "confidential"}
    got = ok(decide(server, "accept", name, "PII.PersonName",
                    stewards["bob"]))["acceptClassification"]
    assert got["status"] == "accepted" and got["decidedBy"] == "bob"
    # a second run leaves both decisions as they are
    ok(gql(server, "mutation($id: ID!) { classifyDataset(id: $id) { keptRejected } }",
           {"id": ds}, headers=stewards["alice"]))
    classes = column_classes(server, ds)
    assert classes["email"]["PII.Email"]["status"] == "rejected"
    assert classes["email"]["PII.Email"]["decidedBy"] == "alice"
    assert classes["name"]["PII.PersonName"]["decidedBy"] == "bob"
    # forced, the rejected classification comes back from the classifier
    ok(gql(server, """mutation($in: ClassifyInput!) { classifyDatasets(input: $in) {
        datasets } }""", {"in": {"datasetIds": [ds], "force": True}},
           headers=stewards["bob"]))
    classes = column_classes(server, ds)
    assert classes["email"]["PII.Email"]["decidedBy"] == "classifier"
    assert classes["name"]["PII.PersonName"]["decidedBy"] == "bob"


def test_set_classification_by_hand_and_in_batches(server, store, uid, stewards):
    ds = add_dataset(store, uid, "web.events", [("ref", "varchar"),
                                                         ("payload", "text")])
    ref, payload = ids.column_id(ds, "ref"), ids.column_id(ds, "payload")
    got = ok(gql(server, f"""mutation($in: [ClassificationDecisionInput!]!) {{
        setClassifications(inputs: $in) {{ {ASSIGNMENT} }} }}""",
                 {"in": [{"subjectId": ref, "classification": "PII.Username"},
                         {"subjectId": payload, "classification": "PII.HealthRecord"},
                         {"subjectId": ds, "classification": "PII.Email"}]},
                 headers=stewards["bob"]))
    got = got["setClassifications"]
    assert [g["source"] for g in got] == ["manual"] * 3
    assert {g["decidedBy"] for g in got} == {"bob"}
    assert got[1]["classification"]["name"] == "PII.HealthRecord"
    data = ok(gql(server, "query($id: ID!) { dataset(id: $id) { classifications { status "
                          "classification { name } } } }", {"id": ds}))
    assert data["dataset"]["classifications"] == [{"status": "accepted",
                                                   "classification": {"name": "PII.Email"}}]


def test_a_batch_with_one_bad_item_writes_nothing(server, store, uid, stewards):
    ds = add_dataset(store, uid, "web.logins", [("login", "varchar")])
    col = ids.column_id(ds, "login")
    data = gql(server, """mutation($in: [ClassificationDecisionInput!]!) {
        setClassifications(inputs: $in) { status } }""",
               {"in": [{"subjectId": col, "classification": "PII.Username"},
                       {"subjectId": f"{ds}#missing", "classification": "PII.Email"}]},
               headers=stewards["alice"])
    err = data["errors"][0]
    assert err["extensions"]["code"] == "NOT_FOUND" and "missing" in err["message"]
    assert column_classes(server, ds)["login"] == {}


def test_errors_name_the_field(server, store, uid, stewards):
    ds = add_dataset(store, uid, "web.orders", [("total", "numeric")])
    h = stewards["alice"]
    err = decide(server, "accept", ids.column_id(ds, "total"), "PII.Email", h)["errors"][0]
    assert err["extensions"] == {"code": "NOT_FOUND", "field": "input.classification"}
    err = decide(server, "reject", "table:orders", "PII.Email", h)["errors"][0]
    assert err["extensions"]["code"] == "BAD_INPUT"
    assert err["extensions"]["field"] == "input.subjectId"
    err = decide(server, "set", ids.column_id(ds, "total"), "bad name!", h)["errors"][0]
    assert err["extensions"]["field"] == "input.classification"
    err = gql(server, """mutation($in: OwnerInput!) { setOwner(input: $in) { id } }""",
              {"in": {"subjectId": ds, "owner": "x", "ownerType": "robot"}},
              headers=h)["errors"][0]
    assert err["extensions"] == {"code": "BAD_INPUT", "field": "input.ownerType"}
    err = gql(server, "mutation { addTags(inputs: []) { id } }", headers=h)["errors"][0]
    assert err["extensions"]["field"] == "inputs"
    err = gql(server, 'mutation { classifyDatasets(input: {all: true, domain: "x"}) '
                      '{ columns } }', headers=h)["errors"][0]
    assert err["extensions"]["field"] == "datasets"


def test_tags_owners_and_descriptions(server, store, uid, stewards):
    ds = add_dataset(store, uid, "web.sessions", [("ip", "varchar")], owner="old")
    col = ids.column_id(ds, "ip")
    got = ok(gql(server, """mutation($in: [TagInput!]!) { addTags(inputs: $in) {
        id ... on Dataset { tags { name } } ... on Column { tags { name } } } }""",
                 {"in": [{"subjectId": ds, "tag": "gold"}, {"subjectId": ds, "tag": "gdpr"},
                         {"subjectId": col, "tag": "network"}]},
                 headers=stewards["bob"]))["addTags"]
    assert {t["name"] for t in got[0]["tags"]} == {"gold", "gdpr"}
    got = ok(gql(server, """mutation($in: TagInput!) { removeTag(input: $in) {
        ... on Dataset { tags { name } } } }""", {"in": {"subjectId": ds, "tag": "gold"}},
                 headers=stewards["bob"]))["removeTag"]
    assert [t["name"] for t in got["tags"]] == ["gdpr"]
    # removed means closed, not deleted: the edge is kept with who and when
    pairs = store.neighbours([ds], Rel.TAGGED, current=False)[ds]
    gold = next(e for e, n in pairs if n["name"] == "gold")
    assert gold["valid_to"] and gold["closed_by"] == "bob" and gold["decided_by"] == "bob"
    got = ok(gql(server, """mutation($in: OwnerInput!) { setOwner(input: $in) {
        ... on Dataset { owners { name role type } } } }""",
                 {"in": {"subjectId": ds, "owner": "ana", "ownerType": "user"}},
                 headers=stewards["alice"]))["setOwner"]
    assert got["owners"] == [{"name": "ana", "role": "owner", "type": "user"}]
    old = store.neighbours([ds], Rel.OWNED_BY, current=False)[ds]
    assert any(n["name"] == "old" and e.get("valid_to") for e, n in old)
    got = ok(gql(server, """mutation($in: DescriptionInput!) { setDescription(input: $in) {
        ... on Dataset { description } } }""",
                 {"in": {"subjectId": ds, "description": "Web sessions, kept 30 days"}},
                 headers=stewards["alice"]))
    assert got["setDescription"]["description"] == "Web sessions, kept 30 days"
    node = store.get_node(ds)
    assert node["description_by"] == "alice" and node["description_at"]


def test_batch_decisions_tags_owners_and_descriptions(server, store, uid, stewards):
    """The batch forms README lists: acceptClassifications, rejectClassifications,
    removeTags, setOwners, setDescriptions (one transaction each, who and when recorded)."""
    ds = add_dataset(store, uid, "crm.people", [("email", "varchar"), ("phone", "varchar"),
                                                ("ip", "varchar")])
    email, phone, ip = (ids.column_id(ds, c) for c in ("email", "phone", "ip"))
    h = stewards["alice"]
    ok(gql(server, "mutation($id: ID!) { classifyDataset(id: $id) { columns } }",
           {"id": ds}, headers=h))
    got = ok(gql(server, f"""mutation($in: [ClassificationDecisionInput!]!) {{
        acceptClassifications(inputs: $in) {{ {ASSIGNMENT} }} }}""",
                 {"in": [{"subjectId": email, "classification": "PII.Email"},
                         {"subjectId": phone, "classification": "PII.Phone"}]},
                 headers=h))["acceptClassifications"]
    assert [(g["subjectId"], g["classification"]["name"], g["status"], g["decidedBy"])
            for g in got] == [(email, "PII.Email", "accepted", "alice"),
                              (phone, "PII.Phone", "accepted", "alice")]
    assert all(g["decidedAt"] for g in got)
    got = ok(gql(server, f"""mutation($in: [ClassificationDecisionInput!]!) {{
        rejectClassifications(inputs: $in) {{ {ASSIGNMENT} }} }}""",
                 {"in": [{"subjectId": phone, "classification": "PII.Phone"},
                         {"subjectId": ip, "classification": "PII.IPv4"}]},
                 headers=stewards["bob"]))["rejectClassifications"]
    assert [(g["subjectId"], g["status"], g["decidedBy"]) for g in got] == [
        (phone, "rejected", "bob"), (ip, "rejected", "bob")]
    classes = column_classes(server, ds)
    assert classes["email"]["PII.Email"]["status"] == "accepted"
    assert classes["phone"]["PII.Phone"]["status"] == "rejected"
    assert classes["ip"]["PII.IPv4"]["status"] == "rejected"

    ok(gql(server, """mutation($in: [TagInput!]!) { addTags(inputs: $in) { id } }""",
           {"in": [{"subjectId": ds, "tag": "gold"}, {"subjectId": email, "tag": "contact"}]},
           headers=h))
    got = ok(gql(server, """mutation($in: [TagInput!]!) { removeTags(inputs: $in) {
        id ... on Dataset { tags { name } } ... on Column { tags { name } } } }""",
                 {"in": [{"subjectId": ds, "tag": "gold"},
                         {"subjectId": email, "tag": "contact"}]}, headers=h))["removeTags"]
    assert got == [{"id": ds, "tags": []}, {"id": email, "tags": []}]
    tagged = store.neighbours([ds, email], Rel.TAGGED, current=False)
    closed = {n["name"]: e for s in (ds, email) for e, n in tagged[s]}
    assert set(closed) == {"gold", "contact"}
    assert all(e["valid_to"] and e["closed_by"] == "alice" for e in closed.values())

    got = ok(gql(server, """mutation($in: [OwnerInput!]!) { setOwners(inputs: $in) {
        id ... on Dataset { owners { name role type } } } }""",
                 {"in": [{"subjectId": ds, "owner": "crm-team"},
                         {"subjectId": ds, "owner": "eve", "ownerType": "user",
                          "role": "steward"}]}, headers=h))["setOwners"]
    assert sorted(map(tuple, (o.values() for o in got[-1]["owners"]))) == [
        ("crm-team", "owner", "team"), ("eve", "steward", "user")]
    got = ok(gql(server, """mutation($in: [DescriptionInput!]!) { setDescriptions(inputs: $in) {
        id ... on Dataset { description } ... on Column { description } } }""",
                 {"in": [{"subjectId": ds, "description": "People in the CRM"},
                         {"subjectId": email, "description": "Work email"}]},
                 headers=stewards["bob"]))["setDescriptions"]
    assert got == [{"id": ds, "description": "People in the CRM"},
                   {"id": email, "description": "Work email"}]
    assert store.get_node(email)["description_by"] == "bob"


def test_propagate_classifications_follows_lineage_and_closes_what_lost_it(server, store, uid,
                                                                           stewards):
    src = add_dataset(store, uid, "crm.src", [("email", "varchar")])
    dst = add_dataset(store, uid, "crm.dst", [("contact", "varchar")])
    origin, copy = ids.column_id(src, "email"), ids.column_id(dst, "contact")
    q = "mutation { propagateClassifications { propagated unchanged closed kept } }"
    err = gql(server, q, headers=stewards["rita"])["errors"][0]
    assert err["extensions"]["code"] == "FORBIDDEN"
    ok(gql(server, f"""mutation($in: ClassificationDecisionInput!) {{
        setClassification(input: $in) {{ {ASSIGNMENT} }} }}""",
           {"in": {"subjectId": origin, "classification": "PII.Email"}},
           headers=stewards["alice"]))
    scope = f"lineage-{uid}"
    store.upsert_edges(Rel.DERIVES_FROM, [{"src": copy, "dst": origin, "transformations":
                                           '[{"type": "DIRECT", "subtype": "IDENTITY"}]'}],
                       source="openlineage", scope=scope)
    run = ok(gql(server, q, headers=stewards["alice"]))["propagateClassifications"]
    # (the server's own re-propagation may have been first: then it is unchanged)
    assert run["propagated"] + run["unchanged"] >= 1
    reached = column_classes(server, dst)["contact"]["PII.Email"]
    assert (reached["status"], reached["source"]) == ("accepted", "propagated")
    edge = store.neighbours([copy], Rel.CLASSIFIED_AS)[copy]
    assert [e["path"] for e, _ in edge] == [[origin, copy]]
    # the lineage is gone (a later harvest no longer sees it): propagation closes it
    cut = store.write(lambda tx: tx.now)
    store.close_stale(scope, cut, max_ratio=1.0, labels=[], rels=[Rel.DERIVES_FROM])
    ok(gql(server, q, headers=stewards["alice"]))  # (or the server's own re-propagation)
    assert "PII.Email" not in column_classes(server, dst)["contact"]
    edge = store.neighbours([copy], Rel.CLASSIFIED_AS, current=False)[copy]
    assert [e.get("valid_to") is not None for e, _ in edge] == [True]
