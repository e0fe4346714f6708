import { type CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { planOf, recordingQueries, scans } from "./test/explain.ts";
import { Client, signUp, useTestApp } from "./test/harness.ts";
import { TENANT_TABLES } from "./test/tenancy.ts";

const t = useTestApp();

let captured: CompiledQuery[] = [];
let client: Client;
let ids: { organisation: string; network: string; project: string; document: string; networkProject: string };

/**
 * Seeds a city's worth of tenants (2,000 organisations with 5 members each, 4,000 projects,
 * 10,000 invitations, 40,000 audit events), then runs the real routes through an app whose
 * database records every query it sends.
 */
beforeAll(async () => {
  const db = t.deps.db;
  const me = await signUp(t, {}, { confirmed: true });
  client = me.client;
  const org = await client.post("/api/organisations", {
    name: "Kulturamt",
    kind: "municipality",
    district: "Mitte",
  });
  const net = await client.post("/api/networks", { organisationId: org.json.organisation.id, name: "Netz" });
  const project = await client.post("/api/projects", {
    organisationId: org.json.organisation.id,
    name: "Antrag",
  });
  const document = await client.post(`/api/projects/${project.json.project.id}/documents`, {
    title: "Antrag",
  });
  ids = {
    organisation: org.json.organisation.id,
    network: net.json.network.id,
    project: project.json.project.id,
    document: document.json.document.id,
    networkProject: (
      await client.post("/api/projects", { networkId: net.json.network.id, name: "Netzantrag" })
    ).json.project.id,
  };
  await client.post(`/api/documents/${ids.document}/versions`, { name: "Eingereicht" });
  await client.post(`/api/documents/${ids.document}/threads`, {
    id: "00000000-0000-4000-8000-00000000000a",
    quote: "",
    body: "Passt das?",
  });
  await client.post(`/api/documents/${ids.document}/save-as-template`, {
    name: "Vorlage",
    owner: { kind: "organisation", id: ids.organisation },
  });
  await client.post(`/api/organisations/${ids.organisation}/invitations`, {
    email: "a@example.org",
    role: "member",
  });

  await sql`insert into users (id, email, display_name, password_hash)
    select 'seed-u-' || i, 'seed-' || i || '@example.org', 'Person ' || i, 'x' from generate_series(1, 10000) i`.execute(
    db,
  );
  await sql`insert into organisations (id, name, kind, district, sparten)
    select 'seed-o-' || i, 'Verein ' || i, 'association', 'Bezirk ' || (i % 12), array['music'] from generate_series(1, 2000) i`.execute(
    db,
  );
  await sql`insert into organisation_members (organisation_id, user_id, role)
    select 'seed-o-' || (1 + (i % 2000)), 'seed-u-' || i, case when i <= 2000 then 'owner' else 'member' end
    from generate_series(1, 10000) i`.execute(db);
  await sql`insert into networks (id, coordinator_id, name)
    select 'seed-n-' || i, 'seed-o-' || i, 'Netz ' || i from generate_series(1, 1500) i`.execute(db);
  await sql`insert into network_partners (network_id, organisation_id)
    select 'seed-n-' || (1 + (i % 200)), 'seed-o-' || i from generate_series(1, 2000) i`.execute(db);
  await sql`insert into network_checklist_items (id, network_id, label, position)
    select 'seed-c-' || i, 'seed-n-' || (1 + (i % 200)), 'Punkt', i from generate_series(1, 1000) i`.execute(
    db,
  );
  await sql`insert into network_checklist_checks (network_id, organisation_id, item_id)
    select 'seed-n-' || (1 + (i % 200)), 'seed-o-' || o, 'seed-c-' || i
    from generate_series(1, 1000) i, generate_series(1, 5) o`.execute(db);
  await sql`insert into projects (id, organisation_id, network_id, name)
    select 'seed-p-' || i, case when i % 4 = 0 then null else 'seed-o-' || (1 + (i % 2000)) end,
      case when i % 4 = 0 then 'seed-n-' || (1 + (i % 200)) else null end, 'Projekt ' || i
    from generate_series(1, 4000) i`.execute(db);
  await sql`insert into project_members (project_id, user_id, role)
    select 'seed-p-' || (1 + (i % 4000)), 'seed-u-' || i, 'editor' from generate_series(1, 10000) i`.execute(
    db,
  );
  await sql`insert into invitations (id, kind, organisation_id, email, role, token_hash, invited_by_name, expires_at)
    select 'seed-i-' || i, 'organisation', 'seed-o-' || (1 + (i % 2000)), 'inv-' || i || '@example.org', 'member',
      md5(i::text), 'Seed', now() + interval '7 days' from generate_series(1, 10000) i`.execute(db);
  await sql`insert into audit_events (organisation_id, actor_name, action, target_kind, target_name)
    select 'seed-o-' || (1 + (i % 2000)), 'Seed', 'member.joined', 'user', 'Person' from generate_series(1, 40000) i`.execute(
    db,
  );
  await sql`insert into document_folders (id, project_id, name)
    select 'seed-f-' || i, 'seed-p-' || (1 + (i % 4000)), 'Ordner' from generate_series(1, 8000) i`.execute(
    db,
  );
  await sql`insert into documents (id, project_id, folder_id, title, deleted_at)
    select 'seed-d-' || i, 'seed-p-' || (1 + (i % 4000)), case when i % 3 = 0 then 'seed-f-' || (1 + (i % 8000)) end,
      'Dokument ' || i, case when i % 10 = 0 then now() end
    from generate_series(1, 20000) i`.execute(db);
  await sql`insert into document_versions (id, document_id, name, state)
    select 'seed-v-' || i, 'seed-d-' || (1 + (i % 20000)), null, decode('00', 'hex') from generate_series(1, 40000) i`.execute(
    db,
  );
  await sql`insert into document_threads (id, document_id, quote)
    select 'seed-t-' || i, 'seed-d-' || (1 + (i % 20000)), '' from generate_series(1, 20000) i`.execute(db);
  await sql`insert into document_comments (id, thread_id, document_id, body)
    select 'seed-k-' || i, 'seed-t-' || (1 + (i % 20000)), 'seed-d-' || (1 + (i % 20000)), 'Text'
    from generate_series(1, 40000) i`.execute(db);
  await sql`insert into document_templates (id, organisation_id, network_id, name, state)
    select 'seed-tp-' || i, case when i % 5 = 0 then null else 'seed-o-' || (1 + (i % 2000)) end,
      case when i % 5 = 0 then 'seed-n-' || (1 + (i % 200)) end, 'Vorlage', decode('00', 'hex')
    from generate_series(1, 5000) i`.execute(db);
  await sql`analyze`.execute(db);

  const recording = recordingQueries(db);
  captured = recording.captured;
  const recorded = createApp({ ...t.deps, db: recording.db });
  client = new Client({ ...t, app: recorded });
  client.cookie = me.client.cookie;
});

afterAll(() => {
  captured.length = 0;
});

const reads = () => [
  "/api/organisations",
  `/api/organisations/${ids.organisation}`,
  `/api/organisations/${ids.organisation}/members`,
  `/api/organisations/${ids.organisation}/invitations`,
  `/api/organisations/${ids.organisation}/network-invitations`,
  `/api/organisations/${ids.organisation}/audit`,
  "/api/networks",
  `/api/networks/${ids.network}`,
  `/api/networks/${ids.network}/onboarding`,
  `/api/networks/${ids.network}/directory?sparte=music`,
  `/api/networks/${ids.network}/audit`,
  "/api/projects",
  `/api/projects?organisationId=${ids.organisation}`,
  `/api/projects/${ids.project}`,
  `/api/projects/${ids.project}/members`,
  `/api/projects/${ids.project}/invitations`,
  "/api/invitations",
  `/api/projects/${ids.project}/documents`,
  `/api/projects/${ids.project}/documents?view=trash`,
  `/api/projects/${ids.project}/document-templates`,
  `/api/projects/${ids.networkProject}/document-templates`,
  `/api/documents/${ids.document}`,
  `/api/documents/${ids.document}/versions`,
  `/api/documents/${ids.document}/threads`,
];

describe("tenant-scoped queries on seeded data", () => {
  it("are all served by indexes: no sequential scan of a tenant table on any read route", async () => {
    for (const path of reads()) {
      captured.length = 0;
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      for (const query of captured.filter((q) => /^\s*select/i.test(q.sql))) {
        const plan = await planOf(t.deps.db, query);
        const seq = scans(plan).filter(
          (n) =>
            n["Node Type"] === "Seq Scan" &&
            (TENANT_TABLES as readonly string[]).includes(n["Relation Name"] ?? ""),
        );
        expect(seq.map((n) => `${path}: seq scan on ${n["Relation Name"]} in ${query.sql}`)).toEqual([]);
      }
    }
  });

  it("use the index that starts with the owning organisation, network or project", async () => {
    const used = new Set<string>();
    for (const path of reads()) {
      captured.length = 0;
      await client.get(path);
      for (const query of captured.filter((q) => /^\s*select/i.test(q.sql))) {
        const plan = await planOf(t.deps.db, query);
        for (const n of scans(plan)) {
          if (n["Index Name"]) {
            used.add(n["Index Name"]);
          }
        }
      }
    }
    for (const index of [
      "organisation_members_pkey",
      "invitations_organisation_",
      "audit_events_organisation_idx",
      "audit_events_network_idx",
      "network_partners_pkey",
      "project_members_pkey",
      "documents_project_idx",
      "document_folders_project_idx",
      "document_templates_organisation_idx",
      "document_versions_document_idx",
      "document_threads_document_idx",
      "document_comments_",
    ]) {
      // an index whose name starts so (its first column is the owning organisation, network or project)
      expect(
        [...used].some((name) => name.startsWith(index)),
        `${index} in ${[...used].sort().join(" ")}`,
      ).toBe(true);
    }
  });
});
