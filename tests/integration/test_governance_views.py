"""Every kind of subject's view read from a real graph: one policy per kind, each reading
what only that kind has (lineage neighbours and last run of a dataset, a run's state, an
owner's holdings, a contract's status, a column's type), and an expression that fails on
some subjects reported without stopping the others."""

from __future__ import annotations

import uuid

import pytest

from catalog.governance.policies import PolicyFile, parse_policies
from catalog.governance.service import GovernanceService
from graph import Label, Rel
from identity import ids
from tests.support.catalog_graph import add_dataset, add_product

POLICIES = """policies:
  - id: fed-datasets-have-a-fresh-run
    description: a dataset fed by another has a successful last run
    subject: dataset
    when: size(upstream) > 0 && name.startsWith('{uid}')
    require: last_run != null && last_run.state == 'COMPLETE'
    message: "last run: {{last_run.state}}"
  - id: runs-complete
    description: runs complete
    subject: run
    when: size(outputs) > 0 && outputs.exists(o, o.contains('{uid}'))
    require: state == 'COMPLETE'
    message: run {{id}} is {{state}}
  - id: owners-hold-little
    description: an owner of this test holds at most one subject
    subject: owner
    when: name.startsWith('{uid}')
    require: owns <= 1 && email == null
  - id: contracts-pass
    description: contracts pass
    subject: contract
    when: domain == 'domain:{uid}'
    require: status == 'pass'
    message: "{{summary}}"
  - id: columns-typed
    description: columns have a type
    subject: column
    when: dataset.contains('{uid}')
    require: type != null
  - id: careless
    description: reads a run's field without checking there is one
    subject: dataset
    when: name.startsWith('{uid}')
    require: last_run.state != 'FAIL'
"""


@pytest.fixture
def graph_of_kinds(store, uid):
    _, prod = add_product(store, uid, "p", contract_status="fail",
                          contract_violations='[{"kind": "missing_column", "column": "id"}]',
                          owner=f"{uid}-team")
    src = add_dataset(store, uid, f"{uid}.src", [("id", "int")], product=prod)
    dst = add_dataset(store, uid, f"{uid}.dst", [("id", None)], product=prod,
                      owner=f"{uid}-team")
    job, run_ok, run_bad = (ids.job_id(f"test://{uid}", "load"), ids.run_id(str(uuid.uuid4())),
                            ids.run_id(str(uuid.uuid4())))

    def write(tx):
        tx.upsert_edges(Rel.FEEDS, [{"src": src, "dst": dst}], source="manual")
        tx.upsert_nodes(Label.JOB, [{"id": job, "name": "load", "namespace": f"test://{uid}"}],
                        source="manual")
        tx.upsert_edges(Rel.WRITES, [{"src": job, "dst": dst}], source="manual")
        tx.upsert_nodes(Label.RUN, [
            {"id": run_ok, "state": "COMPLETE", "started": "2026-01-01T00:00:00Z",
             "ended": "2026-01-01T00:10:00Z"},
            {"id": run_bad, "state": "FAIL", "started": "2026-01-02T00:00:00Z",
             "ended": "2026-01-02T00:10:00Z"}], source="manual")
        tx.upsert_edges(Rel.OF_JOB, [{"src": run_ok, "dst": job}, {"src": run_bad, "dst": job}],
                        source="manual")
    store.write(write)
    return {"product": prod, "src": src, "dst": dst, "run_bad": run_bad,
            "owner": ids.owner_id(f"{uid}-team"), "column": ids.column_id(dst, "id")}


def test_one_policy_per_kind(store, uid, graph_of_kinds):
    loaded = parse_policies(POLICIES.format(uid=uid), "kinds.yaml")
    assert not loaded.problems
    svc = GovernanceService(store, policies=PolicyFile(policies=loaded.policies))
    _, result = svc.evaluate("test", save=False)
    found = {(f["policy"], f["subject_id"]): f["message"] for f in result.findings}
    g = graph_of_kinds
    assert found[("fed-datasets-have-a-fresh-run", g["dst"])] == "last run: FAIL"
    assert ("fed-datasets-have-a-fresh-run", g["src"]) not in found  # fed by nothing
    assert found[("runs-complete", g["run_bad"])] == f"run {g['run_bad']} is FAIL"
    assert len([k for k in found if k[0] == "runs-complete"]) == 1
    assert ("owners-hold-little", g["owner"]) in found  # a product and a dataset
    assert found[("contracts-pass", g["product"])] == "missing_column id"
    assert [k[1] for k in found if k[0] == "columns-typed"] == [g["column"]]
    # the careless policy: src has no last run, so its expression fails there (reported),
    # dst's last run failed (a finding), and every other policy still ran
    errors = result.errors["global/careless"]
    assert len(errors) == 1 and errors[0].startswith(g["src"])
    assert ("careless", g["dst"]) in found
