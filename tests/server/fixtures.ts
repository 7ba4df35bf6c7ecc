import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { analyzeDocument } from "../../src/pipeline.ts";
import type { ArticleRecord } from "../../src/record.ts";
import { textDocument } from "../../src/record.ts";
import { type RunningServer, startServer } from "../../src/server/index.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";

/** A title that runs a script if any page forgets to escape it. */
export const SCRIPT_TITLE = "<script>alert(1)</script>";
/** Text that breaks out of a quoted attribute value if it is not escaped there. */
export const ATTRIBUTE_BREAKER = `"><img src=x onerror=alert(1)>`;
export const HOSTILE = `${SCRIPT_TITLE} ${ATTRIBUTE_BREAKER}`;
/** How the hostile strings must look in a page: inert text. */
export const SCRIPT_TITLE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
export const ATTRIBUTE_BREAKER_ESCAPED = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
/** An actor id with the attribute breaker in it: ids land in hrefs. */
export const HOSTILE_ACTOR_ID = `person:mallory${ATTRIBUTE_BREAKER}`;

/** Three short reports written for these tests, with comments, quotations, a denial and a threat. */
const BORDER_TALKS = `Border Talks Stall as Ministers Trade Warnings

By Lena Brandt

March 3, 2022

Foreign ministers of Poland and Belarus met in Warsaw on Wednesday but failed to agree on reopening the border crossings, officials said.

"We will not accept new conditions," Polish Foreign Minister Zbigniew Rau said after the meeting.

Belarus threatened to expel Polish diplomats if the crossings stayed shut, according to a statement from Minsk.

Russia denied that it planned to send troops to the border.

  1. Tomasz R. says

    Nothing will change until spring.

  2. Greta says

    Finally someone is talking instead of shouting.

Leave a reply`;

const GRAIN_CORRIDOR = `Turkey Offers to Host New Round of Grain Talks

By Omar Haddad

June 10, 2021

Turkey offered on Thursday to host a new round of talks on grain shipments across the Black Sea, the foreign ministry in Ankara said.

"Our door is open to both delegations," the ministry said in a short statement.

Ukraine welcomed the offer, while Moscow said it would study the proposal before answering.`;

/** The article whose title, comment author, actor and source address are made hostile after analysis. */
const HARBOUR_PROTEST = `Harbour Workers Strike Over Unpaid Wages

By Ines Moreau

April 2, 2022

Dock workers in Gdansk walked off the job on Saturday, and the union warned that the harbour would stay closed until wages were paid.

Poland accused the shipping firms of ignoring court rulings on back pay.`;

export interface FixtureStore {
  dir: string;
  path: string;
  store: SqliteStore;
  records: { border: ArticleRecord; grain: ArticleRecord; hostile: ArticleRecord };
}

/** Makes the analysed harbour article hostile everywhere the dashboard shows untrusted text. */
function makeHostile(r: ArticleRecord): ArticleRecord {
  const firstEvent = r.events[0];
  return {
    ...r,
    title: HOSTILE,
    subtitle: ATTRIBUTE_BREAKER,
    authors: [HOSTILE],
    source: { ...r.source, url: "javascript:alert(1)" },
    comments: [
      { index: 0, author: HOSTILE, replyTo: null, text: HOSTILE, spam: false, abusive: false },
      {
        index: 1,
        author: "Ola",
        replyTo: 0,
        text: `Reply to ${ATTRIBUTE_BREAKER}`,
        spam: true,
        abusive: false,
      },
    ],
    removed: [...r.removed, { text: HOSTILE, reason: "boilerplate", rule: "test" }],
    actors: [
      ...r.actors,
      {
        id: HOSTILE_ACTOR_ID,
        name: HOSTILE,
        kind: "person",
        country: null,
        sector: null,
        role: ATTRIBUTE_BREAKER,
      },
    ],
    mentions: [
      ...r.mentions,
      { paragraph: 0, start: 0, end: 4, text: "Dock", type: "PERSON", actor: HOSTILE_ACTOR_ID },
    ],
    quotes: [
      ...r.quotes,
      {
        paragraph: 1,
        start: 0,
        end: 6,
        text: HOSTILE,
        kind: "direct",
        speaker: { text: HOSTILE, name: HOSTILE, actor: HOSTILE_ACTOR_ID },
        cue: ATTRIBUTE_BREAKER,
      },
    ],
    events: firstEvent
      ? [...r.events, { ...firstEvent, source: { actor: HOSTILE_ACTOR_ID, country: null, sector: null } }]
      : r.events,
  };
}

/**
 * A temporary SQLite store filled by the pipeline from the three fixture articles (the third made
 * hostile after analysis). The caller closes `store`.
 */
export async function fixtureStore(): Promise<FixtureStore> {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-serve-"));
  const path = join(dir, "crisis.db");
  const border = analyzeDocument(
    textDocument("file:///fixtures/border.txt", BORDER_TALKS, { publisher: "The Harbour Courier" }),
  );
  const grain = analyzeDocument(
    textDocument("file:///fixtures/grain.txt", GRAIN_CORRIDOR, { publisher: "Northern Ledger" }),
  );
  const hostile = makeHostile(
    analyzeDocument(
      textDocument("file:///fixtures/harbour.txt", HARBOUR_PROTEST, { publisher: "Baltic Daily" }),
    ),
  );
  const store = openSqliteStore(path);
  await store.putMany([border, grain, hostile]);
  return { dir, path, store, records: { border, grain, hostile } };
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with node:http (fetch will not send a chosen Host header or arbitrary methods as
 * plainly). The path is sent as given.
 */
export function httpRequest(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: opts.method ?? "GET",
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** GET a JSON resource and parse it. */
export async function getJson(
  base: string,
  path: string,
): Promise<{ status: number; json: ReturnType<typeof JSON.parse> }> {
  const r = await httpRequest(base, path);
  return { status: r.status, json: JSON.parse(r.body) };
}

/** The fixture store served on a free loopback port for one test file: read `fx` and `base` inside tests. */
export interface ServedFixture {
  fx: FixtureStore;
  srv: RunningServer;
  base: string;
}

/**
 * Registers the file's beforeAll/afterAll: fills a fixture store, starts the server over it, and closes
 * both after the file's tests.
 * @example const served = serveFixture(); it("…", async () => getJson(served.base, "/api/v1/stats"));
 */
export function serveFixture(): ServedFixture {
  const served = {} as ServedFixture;
  beforeAll(async () => {
    served.fx = await fixtureStore();
    served.srv = await startServer({ store: served.fx.store, port: 0 });
    served.base = served.srv.url;
  });
  afterAll(async () => {
    await served.srv?.close();
    await served.fx?.store.close();
  });
  return served;
}
