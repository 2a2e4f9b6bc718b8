// Job page: what it reads and writes, its SQL.
import { gql } from "../api";
import { kv, ownersView, pageHeader } from "../components";
import { badge, h, section } from "../dom";
import { entityLink } from "../links";
import { JOB, type JobDetail } from "../queries";

export async function jobPage(id: string): Promise<Node> {
  const { job } = await gql<{ job: JobDetail }>(JOB, { id });
  document.title = `${job.name} · mesh catalog`;
  const list = (xs: { id: string; name: string | null }[]) => xs.length
    ? h("ul", { class: "plain" }, xs.map((x) => h("li", null, entityLink(x.id, x.name))))
    : h("span", { class: "muted" }, "none");
  return h("article", { class: "page job", "data-id": job.id },
    pageHeader(job.name ?? job.id, [badge("job", "b-kind"), job.type ? badge(job.type, "platform") : null],
      h("code", null, job.namespace)),
    job.description ? h("p", { class: "description" }, job.description) : null,
    section("About", kv([["Reads", list(job.inputs)], ["Writes", list(job.outputs)],
      ["Owners", ownersView(job.owners)]])),
    job.sql ? section("SQL", h("pre", { class: "sql" }, job.sql)) : null);
}
