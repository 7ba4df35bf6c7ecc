import type { ArticleRecord, Comment } from "../record.ts";
import {
  actorHref,
  articleHref,
  evidenceSentence,
  externalLink,
  intensity,
  modalityBadge,
  partyLink,
} from "./components.ts";
import { html, type SafeHtml } from "./html.ts";
import { page } from "./layout.ts";

/** Link to a paragraph anchor of the same page: quotes and events point at the words they came from. */
const paraLink = (paragraph: number) => html`<a href="#p-${paragraph}">¶${paragraph}</a>`;

/** Paragraph links listed per actor; a name repeated all through a long article would flood the list. */
const MAX_PARAGRAPH_LINKS = 12;

/** Depth of a comment in its reply chain, capped so a long (or looping) chain stays readable. */
const MAX_REPLY_DEPTH = 4;

function replyDepth(comments: Comment[], c: Comment): number {
  let depth = 0;
  let parent = c.replyTo;
  while (parent !== null && depth < MAX_REPLY_DEPTH) {
    depth++;
    parent = comments[parent]?.replyTo ?? null;
  }
  return depth;
}

function commentBlock(comments: Comment[], c: Comment): SafeHtml {
  const depth = replyDepth(comments, c);
  const flags = [c.spam ? "spam" : "", c.abusive ? "abusive" : ""].filter(Boolean).join(", ");
  return html`<div class="comment${depth ? " reply" : ""}" id="c-${c.index}">
<div class="meta"><b>${c.author ?? "anonymous"}</b>${c.replyTo !== null ? html` · in reply to <a href="#c-${c.replyTo}">#${c.replyTo}</a>` : ""}${flags ? html` <span class="flag">(${flags})</span>` : ""}</div>
${c.text}</div>
`;
}

/**
 * One stored article: metadata, body paragraphs with anchors, its actors, quotations and events linking
 * to their paragraphs, reader comments apart, and what the pipeline removed with the reason.
 * @example renderArticle(await store.get(id))
 */
export function renderArticle(r: ArticleRecord): SafeHtml {
  const mentionCount = new Map<string, number>();
  /** Paragraphs each actor is named in, in reading order, for links back to the words. */
  const mentionedIn = new Map<string, number[]>();
  for (const m of r.mentions) {
    if (!m.actor) continue;
    mentionCount.set(m.actor, (mentionCount.get(m.actor) ?? 0) + 1);
    const paras = mentionedIn.get(m.actor) ?? [];
    if (!paras.includes(m.paragraph)) paras.push(m.paragraph);
    mentionedIn.set(m.actor, paras);
  }
  const names = new Map(r.actors.map((a) => [a.id, a.name]));
  const pub = r.published;
  const body = html`<article>
<h1>${r.title ?? "(no title)"}</h1>
${r.subtitle ? html`<p class="meta">${r.subtitle}</p>` : ""}
<p class="meta">${r.authors.length ? html`By ${r.authors.join(", ")} · ` : ""}${r.publisher ?? "unknown publisher"}${
    r.originalSource ? html` · from ${r.originalSource}` : ""
  } · ${pub.date ?? "date unknown"}${pub.earliest && pub.latest && pub.earliest !== pub.latest ? ` (between ${pub.earliest} and ${pub.latest})` : ""} <span class="muted">(${pub.basis})</span>
 · ${r.genre} · ${r.language}</p>
<p class="meta">Source: ${r.source.url ? externalLink(r.source.url) : r.source.uri} <span class="muted">(${r.source.format})</span>${
    r.nearDuplicateOf
      ? html` · near-copy of <a href="${articleHref(r.nearDuplicateOf)}">an earlier article</a>`
      : ""
  }</p>
<section>
${r.paragraphs.map(
  (
    p,
  ) => html`<p class="para k-${p.kind}" id="p-${p.index}"><a class="n" href="#p-${p.index}">¶${p.index}</a>${p.text}</p>
`,
)}</section></article>
<h2>Actors (${r.actors.length})</h2>
${
  r.actors.length === 0
    ? html`<p class="muted">None found.</p>`
    : html`<ul>${r.actors.map(
        (
          a,
        ) => html`<li><a href="${actorHref(a.id)}">${a.name}</a> <span class="muted">${a.kind}${a.country ? ` · ${a.country}` : ""}${a.role ? ` · ${a.role}` : ""} · ${mentionCount.get(a.id) ?? 0} mentions</span> ${(
          mentionedIn.get(a.id) ?? []
        )
          .sort((x, y) => x - y)
          .slice(0, MAX_PARAGRAPH_LINKS)
          .map((p) => html`${paraLink(p)} `)}</li>
`,
      )}</ul>`
}
<h2>Quotations (${r.quotes.length})</h2>
${
  r.quotes.length === 0
    ? html`<p class="muted">None found.</p>`
    : html`<table><thead><tr><th>where</th><th>speaker</th><th>kind</th><th>words</th></tr></thead><tbody>
${r.quotes.map(
  (q) => html`<tr><td>${paraLink(q.paragraph)}</td><td>${
    q.speaker?.actor
      ? html`<a href="${actorHref(q.speaker.actor)}">${q.speaker.name ?? q.speaker.actor}</a>`
      : (q.speaker?.name ?? q.speaker?.text ?? html`<span class="muted">unattributed</span>`)
  }</td><td>${q.kind}${q.cue ? html`<br><span class="muted">${q.cue}</span>` : ""}</td><td>${q.text}</td></tr>
`,
)}</tbody></table>`
}
<h2>Events (${r.events.length})</h2>
${
  r.events.length === 0
    ? html`<p class="muted">None found.</p>`
    : html`<table><thead><tr><th>where</th><th>source</th><th>target</th><th>event</th><th>int.</th><th>modality</th><th>evidence</th></tr></thead><tbody>
${r.events.map(
  (
    e,
  ) => html`<tr><td>${paraLink(e.paragraph)}</td><td>${partyLink(e.source, names)}</td><td>${partyLink(e.target, names)}</td><td>${e.category}<br><span class="muted">CAMEO ${e.cameo}</span></td><td>${intensity(e.intensity)}</td><td>${modalityBadge(e.modality)}</td><td>${evidenceSentence(e)}</td></tr>
`,
)}</tbody></table>`
}
<h2>Reader comments (${r.comments.length})</h2>
${r.comments.length === 0 ? html`<p class="muted">None.</p>` : r.comments.map((c) => commentBlock(r.comments, c))}
<h2>Removed (${r.removed.length})</h2>
${
  r.removed.length === 0
    ? html`<p class="muted">Nothing.</p>`
    : html`<table><thead><tr><th>reason</th><th>text</th></tr></thead><tbody>
${r.removed.map(
  (
    x,
  ) => html`<tr><td>${x.reason}${x.rule && x.rule !== x.reason ? html`<br><span class="muted">${x.rule}</span>` : ""}</td><td>${x.text}</td></tr>
`,
)}</tbody></table>`
}
${
  r.messages.length === 0
    ? ""
    : html`<h2>Messages (${r.messages.length})</h2><ul>${r.messages.map(
        (m) => html`<li><span class="muted">${m.stage}/${m.rule}</span> ${m.reason}</li>`,
      )}</ul>`
}
<p class="muted">id ${r.id} · pipeline ${r.pipelineVersion} · <a href="/api/v1/articles/${encodeURIComponent(r.id)}">JSON</a></p>`;
  return page(r.title ?? "Article", body);
}
