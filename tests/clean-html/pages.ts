/**
 * Test pages for clean/html, written for sitrep (invented outlet, people and events). Each carries the
 * traps real news templates have: chrome, share bars, newsletter boxes, related links, captions, comments.
 */

export const NEWS_PAGE = `<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Ceasefire monitors reach river crossing after week of delays | The Harbour Ledger</title>
  <meta property="og:title" content="Ceasefire monitors reach river crossing after week of delays">
  <meta property="og:site_name" content="The Harbour Ledger">
  <meta property="og:description" content="An observer team crossed the bridge at Velna on Tuesday after talks on access.">
  <meta property="og:url" content="https://ledger.example/world/2023/04/11/monitors-reach-crossing">
  <meta property="article:author" content="https://ledger.example/staff/mira-okafor">
  <meta property="article:published_time" content="2023-04-11T09:30:00+02:00">
  <link rel="canonical" href="https://ledger.example/world/2023/04/11/monitors-reach-crossing">
  <script type="application/ld+json">
  {"@context":"https://schema.org","@type":"NewsArticle","headline":"Ceasefire monitors reach river crossing after week of delays",
   "datePublished":"2023-04-11T09:30:00+02:00","author":[{"@type":"Person","name":"Mira Okafor"},{"@type":"Person","name":"Tomas Brenner"}],
   "publisher":{"@type":"Organization","name":"The Harbour Ledger"}}
  </script>
  <style>.share{display:flex}</style>
  <script>window.analytics = { page: "article" };</script>
</head>
<body>
  <header class="site-header">
    <nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
  </header>
  <main>
    <article class="story">
      <h1>Ceasefire monitors reach river crossing after week of delays</h1>
      <div class="byline">By Mira Okafor and Tomas Brenner</div>
      <time datetime="2023-04-11T09:30:00+02:00">11 April 2023</time>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
      <figure><img src="bridge.jpg" alt=""><figcaption>The bridge at Velna seen from the eastern bank. Photo: Ledger staff</figcaption></figure>
      <p>An international observer team crossed the bridge at Velna on Tuesday morning, a week later than planned, after negotiators from both sides agreed on the route the convoy would take.</p>
      <p>The twelve monitors, drawn from four countries, are tasked with checking that heavy weapons have been pulled back at least fifteen kilometres from the river, as the truce signed last month requires.</p>
      <h2>Access had been refused twice</h2>
      <p>Twice last week the convoy was turned back at a checkpoint on the western approach, where local commanders said they had received no written orders to let it through.</p>
      <blockquote><p>We are not here to take sides. We are here to count guns and to write down what we see.</p></blockquote>
      <p>The head of the mission, Aino Virtanen, said the team would publish its first report within ten days and would return to the crossing every week until the end of the summer.</p>
      <aside class="newsletter-box"><p>Sign up for our daily briefing newsletter and get the latest news delivered to your inbox.</p></aside>
      <p>Residents of Velna, which has been without running water since February, said they hoped the visit would speed up repairs to the pumping station on the eastern bank of the river.</p>
      <div class="related-links"><h3>Related</h3><ul><li><a href="/a">Truce signed after marathon talks</a></li><li><a href="/b">What the river border means for farmers</a></li></ul></div>
    </article>
  </main>
  <section id="comments" class="comments-area">
    <h3>2 comments</h3>
    <ol class="comment-list">
      <li class="comment"><div class="comment-author vcard"><cite class="fn">harbourwatcher</cite> says:</div><p>Good to see someone finally checking on the ground instead of trusting press releases.</p></li>
      <li class="comment"><div class="comment-author vcard"><cite class="fn">K. Lind</cite> says:</div><p>Ten days for a report seems slow when people have no water.</p></li>
    </ol>
    <div id="respond"><h3>Post a comment</h3><p>Your e-mail is never shown to other readers. Mandatory fields are flagged with *</p><form><textarea></textarea></form></div>
  </section>
  <footer class="site-footer"><p>© 2023 The Harbour Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>`;

export const SUFFIX_PAGE = `<html><head><title>Grain exports resume from southern ports - Coastal Courier</title></head>
<body><div id="content">
<p>Grain shipments resumed from the southern ports on Monday after insurers agreed new terms for vessels crossing the contested shipping lane, port officials said.</p>
<p>Three bulk carriers left the harbour before noon, carrying wheat and maize bound for buyers in North Africa and the eastern Mediterranean, according to the port authority.</p>
<p>Traders said prices on regional exchanges eased slightly on the news, though they warned that a single incident at sea could reverse the gains within hours.</p>
</div></body></html>`;

/** An old table layout with one short article cell among navigation cells: Readability keeps too little here. */
export const TABLE_PAGE = `<html><head><title>Local news</title></head><body>
<table width="900"><tr>
<td width="150"><a href="/">Home</a><br><a href="/news">News</a><br><a href="/weather">Weather</a><br><a href="/contact">Contact</a></td>
<td width="600"><font size="2"><b>Ferry service cut back</b><br><br>
The island ferry will run twice a day instead of four times from next week because one of its two boats needs engine repairs, the operator said on Friday.<br><br>
Passengers with bookings on cancelled sailings will be moved to the nearest remaining crossing.
</font></td>
<td width="150"><a href="/ads">Advertise with us</a></td>
</tr></table></body></html>`;

export const MALFORMED_PAGE = `<html><head><title>Broken &amp markup test</title></head><body>
<div><div class="text">
<p>The council&#8217;s vote on the new bridge was postponed until May, a spokesman said, because two members were ill &amp; could not attend the session.
<p>Officials said the delay would not affect the budget &mdash; the money had already been set aside in last year&apos;s accounts, and contracts were signed.</div></div></div>
<p>Work on the approach roads will continue in the meantime, with lane closures expected on the northern side for at least three more weeks.&nbsp;&nbsp;Drivers were advised to plan ahead.
<p>A public meeting on the project is planned for the end of the month in the town hall &bogus; details will follow.
</body></html>`;

/** 10,000 nested divs around one paragraph: Readability's recursive passes overflow on pages like this. */
export function nestedDivPage(depth: number): string {
  return `<html><body>${"<div>".repeat(depth)}<p>Deep inside the nesting sits the only paragraph of this page, long enough to count as real article text for any extractor that reaches it.</p>${"</div>".repeat(depth)}</body></html>`;
}
