import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { escapeHtml, html, NO_EVENT_CONTEXT, renderActor } from "../../src/web/index.ts";
import {
  ATTRIBUTE_BREAKER,
  ATTRIBUTE_BREAKER_ESCAPED,
  HOSTILE,
  HOSTILE_ACTOR_ID,
  httpRequest,
  SCRIPT_TITLE,
  SCRIPT_TITLE_ESCAPED,
  serveFixture,
} from "./fixtures.ts";

const served = serveFixture();

const enc = encodeURIComponent;

/** Markup that only exists when hostile text reached the page unescaped. */
function expectInert(body: string, where: string): void {
  expect(body, where).not.toContain(SCRIPT_TITLE);
  expect(body, where).not.toContain("<script");
  expect(body, where).not.toContain("<img");
  // An onerror attribute inside any real tag. Quoted attribute values are blanked first: escaped text
  // holds no raw quote, so a value is one quoted run, and "onerror=" inside it is inert.
  expect(body.replace(/"[^"]*"/g, '""'), where).not.toMatch(/<[^>]*\sonerror\s*=/i);
  expect(body, where).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
}

describe("the one escape function", () => {
  it("escapes the five HTML specials and drops control characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&\u0000</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("html`` escapes every interpolated string, in text and in attributes, and nests", () => {
    const inner = html`<b>${SCRIPT_TITLE}</b>`;
    const out = html`<p title="${ATTRIBUTE_BREAKER}">${inner}${[SCRIPT_TITLE, null, undefined, false]}</p>`
      .value;
    expect(out).toBe(
      `<p title="${ATTRIBUTE_BREAKER_ESCAPED}"><b>${SCRIPT_TITLE_ESCAPED}</b>${SCRIPT_TITLE_ESCAPED}</p>`,
    );
  });
});

describe("dashboard pages", () => {
  it("the overview shows counts, top actors, recent events with modality badges, top publishers", async () => {
    const r = await httpRequest(served.base, "/");
    expect(r.status).toBe(200);
    expect(r.body).toContain("<h1>Overview</h1>");
    expect(r.body).toMatch(/<b>3<\/b>articles/);
    expect(r.body).toContain(`href="/actors/state%3APOL"`);
    expect(r.body).toContain(`<span class="badge m-denied">denied</span>`);
    expect(r.body).toContain("<mark>");
    expect(r.body).toContain("The Harbour Courier");
    expect(r.body).toContain("Northern Ledger");
  });

  it("an article page shows the body with anchors, comments apart, removed items, and links back to paragraphs", async () => {
    const r = await httpRequest(served.base, `/articles/${enc(served.fx.records.border.id)}`);
    expect(r.status).toBe(200);
    expect(r.body).toContain("<h1>Border Talks Stall as Ministers Trade Warnings</h1>");
    expect(r.body).toContain("By Lena Brandt");
    expect(r.body).toContain("The Harbour Courier");
    expect(r.body).toContain("2022-03-03");
    for (const p of served.fx.records.border.paragraphs) expect(r.body).toContain(`id="p-${p.index}"`);
    // Comments are in their own section, after the body and never inside a paragraph element.
    const commentsAt = r.body.indexOf("Reader comments (2)");
    expect(commentsAt).toBeGreaterThan(r.body.lastIndexOf('class="para'));
    expect(r.body.slice(commentsAt)).toContain("Tomasz R.");
    expect(r.body).toContain("comment-form");
    // The quotation by Rau and the threat event link to their paragraph anchors.
    const rauQuote = served.fx.records.border.quotes.find((q) => q.speaker?.actor === "person:zbigniew-rau");
    expect(rauQuote).toBeDefined();
    expect(r.body).toContain(`<a href="#p-${rauQuote?.paragraph}">¶${rauQuote?.paragraph}</a>`);
    const threat = served.fx.records.border.events.find((e) => e.category === "THREATEN");
    expect(r.body).toContain(`<a href="#p-${threat?.paragraph}">`);
    expect(r.body).toContain(`href="/actors/person%3Azbigniew-rau"`);
    // Each actor lists the paragraphs it is named in.
    const rauPara = served.fx.records.border.mentions.find(
      (m) => m.actor === "person:zbigniew-rau",
    )?.paragraph;
    const actorsSection = r.body.slice(r.body.indexOf("<h2>Actors"), r.body.indexOf("<h2>Quotations"));
    expect(actorsSection).toMatch(new RegExp(`Zbigniew Rau</a>[^\n]*<a href="#p-${rauPara}">`));
  });

  it("an actor page lists roles, articles, quotations and events", async () => {
    const r = await httpRequest(served.base, "/actors/person%3Azbigniew-rau");
    expect(r.status).toBe(200);
    expect(r.body).toContain("<h1>Zbigniew Rau</h1>");
    expect(r.body).toContain("foreign minister");
    expect(r.body).toContain(`href="/articles/${enc(served.fx.records.border.id)}"`);
    expect(r.body).toContain("We will not accept new conditions");
    const blr = await httpRequest(served.base, "/actors/state%3ABLR");
    expect(blr.body).toContain("THREATEN");
  });

  it("search shows highlighted snippets linking to the paragraph; the events form keeps its values", async () => {
    const s = await httpRequest(served.base, "/search?q=diplomats");
    expect(s.status).toBe(200);
    expect(s.body).toContain("<mark>diplomats</mark>");
    expect(s.body).toContain(`href="/articles/${enc(served.fx.records.border.id)}#p-2"`);
    const e = await httpRequest(served.base, "/events?source=RUS&modality=denied&until=2022");
    expect(e.status).toBe(200);
    expect(e.body).toContain("<option selected>denied</option>");
    expect(e.body).toContain(`name="until" value="2022"`);
    expect(e.body).toContain("<td>MOBILIZE<br>");
    // Parties are shown by the name their article gave them, linking to the actor page.
    expect(e.body).toContain(`<td><a href="/actors/state%3ARUS">Russia</a></td>`);
    expect(e.body).not.toContain("<td>THREATEN<br>");
    const empty = await httpRequest(served.base, "/search?q=");
    expect(empty.status).toBe(200);
  });

  it("bad filters, unknown ids and paths get HTML error pages with the right status", async () => {
    const bad = await httpRequest(served.base, "/events?modality=perhaps");
    expect(bad.status).toBe(400);
    expect(bad.headers["content-type"]).toContain("text/html");
    expect(bad.body).toContain("modality");
    expect((await httpRequest(served.base, "/articles/sha256%3A00")).status).toBe(404);
    expect((await httpRequest(served.base, "/actors/nobody-at-all-xyz")).status).toBe(404);
    expect((await httpRequest(served.base, "/nothing/here")).status).toBe(404);
  });

  it("pages carry CSP, nosniff and Referrer-Policy; the CSP allows exactly the served style block", async () => {
    const r = await httpRequest(served.base, "/");
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["referrer-policy"]).toBe("no-referrer");
    const csp = String(r.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const css = /<style>([\s\S]*?)<\/style>/.exec(r.body)?.[1] ?? "";
    const hash = createHash("sha256").update(css).digest("base64");
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(r.body.match(/<style/g)).toHaveLength(1);
    expect(r.body).not.toMatch(/\sstyle=/);
    expect(r.body).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe("the actor page", () => {
  it("names the other actors stored under the same name, linked and escaped", () => {
    const page = String(
      renderActor({
        actor: {
          id: "org:rus-interior-ministry",
          name: "Interior Ministry",
          kind: "org",
          country: "RUS",
          sector: "GOV",
          mentions: 3,
          articles: 2,
          roles: [],
          aliases: ["Interior Ministry"],
          recentArticles: [],
          coMentioned: [],
          sameName: [
            { id: "org:ukr-interior-ministry", name: "Interior Ministry", country: "UKR", mentions: 2 },
            { id: HOSTILE_ACTOR_ID, name: HOSTILE, country: null, mentions: 1 },
          ],
        },
        quotes: [],
        events: [],
        context: NO_EVENT_CONTEXT,
      }),
    );
    expect(page).toContain(`<a href="/actors/org%3Aukr-interior-ministry">Interior Ministry</a>`);
    expect(page).toContain("UKR, 2 mentions");
    expectInert(page, "actor page with a hostile same-name actor");
  });
});

describe("hostile text is escaped on every page that shows it", () => {
  const pages = () => [
    { path: "/", shows: true },
    { path: `/articles/${enc(served.fx.records.hostile.id)}`, shows: true },
    { path: `/actors/${enc(HOSTILE_ACTOR_ID)}`, shows: true },
    { path: "/actors/state%3APOL", shows: true },
    { path: "/actors", shows: true },
    { path: "/events", shows: true },
    { path: "/search?q=wages", shows: true },
    { path: `/search?q=${enc(HOSTILE)}`, shows: true },
    { path: `/events?publisher=${enc(HOSTILE)}`, shows: true },
    { path: `/events?source=${enc(HOSTILE)}`, shows: false },
    { path: `/articles/${enc(HOSTILE)}`, shows: false },
    { path: `/actors/${enc(`zz${HOSTILE}`)}`, shows: false },
    { path: `/nothing/${enc(HOSTILE)}`, shows: false },
  ];

  it("no page carries the hostile markup live", async () => {
    for (const { path } of pages()) {
      const r = await httpRequest(served.base, path);
      expect(r.headers["content-type"], path).toContain("text/html");
      expectInert(r.body, path);
    }
  });

  it("pages that show the hostile title, author, actor or query show them escaped", async () => {
    for (const { path, shows } of pages()) {
      const r = await httpRequest(served.base, path);
      if (!shows) continue;
      expect(r.body, path).toContain(SCRIPT_TITLE_ESCAPED);
      expect(r.body, path).toContain(ATTRIBUTE_BREAKER_ESCAPED);
    }
  });

  it("the hostile article page escapes its title, byline, comments, actor, quote and removed text, and links no script URL", async () => {
    const r = await httpRequest(served.base, `/articles/${enc(served.fx.records.hostile.id)}`);
    expect(r.status).toBe(200);
    const both = `${SCRIPT_TITLE_ESCAPED} ${ATTRIBUTE_BREAKER_ESCAPED}`;
    expect(r.body).toContain(`<title>${both} · sitrep</title>`);
    expect(r.body).toContain(`<h1>${both}</h1>`);
    expect(r.body).toContain(`By ${both}`);
    expect(r.body).toContain(`<b>${both}</b>`); // comment author
    expect(r.body).toContain(`href="/actors/${enc(HOSTILE_ACTOR_ID)}"`);
    expect(r.body).toContain("javascript:alert(1)"); // shown as text…
    expect(r.body).not.toContain(`href="javascript:`); // …never as a link
    const search = await httpRequest(served.base, `/search?q=${enc(HOSTILE)}`);
    expect(search.body).toContain(`value="${both}"`);
  });
});
