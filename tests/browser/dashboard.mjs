// Drives the dashboard in headless Chromium: filter the events, sort, open
// an event and see its evidence highlighted, the charts, a company timeline,
// search, and a phone-width layout; takes screenshots.
//
//   node dashboard.mjs http://127.0.0.1:PORT OUT_DIR
//
// Exits non-zero with a message on the first failed check. Any script error
// or console error on the page (a CSP violation, say) fails the run.
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error("usage: node dashboard.mjs BASE_URL OUT_DIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

function check(ok, message) {
  if (!ok) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const problems = [];
const checks = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // A bad filter answers 400 on purpose; Chromium logs that as a console
  // error, which is expected only while `expect400` is set.
  let expect400 = false;
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (expect400 && /status of 400/.test(m.text())) return;
    problems.push(`console: ${m.text()}`);
  });

  const ready = async () => {
    await page.waitForFunction(() => document.body.dataset.ready && document.body.dataset.ready !== "false");
    const state = await page.evaluate(() => document.body.dataset.ready);
    check(state === "true", `the view failed: ${await page.locator("#view").innerText()}`);
  };
  const go = async (hash) => {
    await page.evaluate((h) => { document.body.dataset.ready = "false"; location.hash = h; }, hash);
    await ready();
  };
  // Navigates by a user action (a click, a form submit). The flag is cleared
  // before the action: the page's hashchange handler runs a task later, so
  // waiting on the hash alone could read the previous view's "true".
  const via = async (action, hashTest) => {
    await page.evaluate(() => { document.body.dataset.ready = "false"; });
    await action();
    await page.waitForFunction(hashTest);
    await ready();
  };

  // The event table.
  await page.goto(base + "/#/");
  await ready();
  const rows = page.locator("#events-table tbody tr");
  const all = await rows.count();
  check(all >= 3, `expected events in the table, saw ${all}`);
  checks.push(`table: ${all} events`);
  await page.screenshot({ path: join(outDir, "events.png"), fullPage: false });

  // Filter by company through the form.
  await page.fill("input[name=company]", "Orbital Motors");
  await via(() => page.click("#filters button[type=submit]"), () => location.hash.includes("company="));
  const companies = await rows.locator("td:first-child").allInnerTexts();
  check(companies.length >= 1 && companies.length < all, `company filter kept ${companies.length} of ${all}`);
  check(companies.every((c) => c.includes("Orbital")), `company filter let in ${companies}`);
  checks.push(`filter company: ${companies.length} rows`);

  // Tied to AI by anyone: every row carries an AI badge.
  await go("#/");
  await page.selectOption("#ai-filter", "true");
  await via(() => page.click("#filters button[type=submit]"), () => location.hash.includes("ai=true"));
  const aiRows = await rows.count();
  const aiPills = await rows.locator(".pill.ai, .pill.ai-reported").count();
  check(aiRows >= 1 && aiRows === aiPills, `AI filter: ${aiRows} rows, ${aiPills} AI badges`);
  checks.push(`filter AI: ${aiRows} rows`);

  // The employer blames AI: every row says so, and the filter stays chosen.
  await go("#/");
  await page.selectOption("#ai-filter", "employer");
  await via(() => page.click("#filters button[type=submit]"), () => location.hash.includes("ai=employer"));
  const employerRows = await rows.count();
  const employerBadges = await rows.locator(".pill.ai", { hasText: "AI: employer" }).count();
  check(employerRows >= 1 && employerRows === employerBadges,
    `employer AI filter: ${employerRows} rows, ${employerBadges} "AI: employer" badges`);
  check(await page.locator("#ai-filter").inputValue() === "employer", "the AI filter forgot its choice");
  checks.push(`filter AI employer: ${employerRows} rows`);

  // Paging: "Show more" appends the next page until the last, then goes
  // away; no event is listed twice.
  await go("#/?limit=4");
  const moreButton = page.locator("button", { hasText: "Show more" });
  for (let i = 0; i < 50 && await moreButton.isVisible(); i++) {
    const before = await rows.count();
    await moreButton.click();
    await page.waitForFunction((n) => document.querySelectorAll("#events-table tbody tr").length > n, before);
  }
  check(!(await moreButton.isVisible()), "Show more is still visible after the last page");
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
  check(new Set(ids).size === ids.length, `an event is listed twice: ${ids}`);
  const total = (await (await fetch(`${base}/api/stats`)).json()).totals.events;
  check(ids.length === total, `paged through ${ids.length} of ${total} events`);
  checks.push(`paging: ${ids.length} events in pages of 4`);

  // The whole count is shown, and the view exports as CSV and JSON.
  await go("#/?limit=3");
  const statusText = await page.locator("#events-status").innerText();
  check(statusText.includes(`3 of ${total} matching`), `status says ${statusText}`);
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  const csv = readFileSync(await csvDownload.path(), "utf8").trim().split("\r\n");
  check(csv[0].startsWith("id,company,") && csv.length === total + 1, `CSV has ${csv.length} lines for ${total} events`);
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  const exported = JSON.parse(readFileSync(await jsonDownload.path(), "utf8"));
  check(exported.length === total && new Set(exported.map((e) => e.id)).size === total, `JSON export has ${exported.length} events`);
  checks.push(`count and export: ${total} events in CSV and JSON`);

  // A bad filter is said next to the filters, which stay usable.
  expect400 = true;
  await go("#/?since=abc");
  check(await page.locator("#filters").count() === 1, "a bad date removed the filter form");
  const alert = await page.locator("#view [role=alert]").innerText();
  check(/since/.test(alert), `the error does not name the field: ${alert}`);
  check(await page.locator("input[name=since]").inputValue() === "abc", "the bad value is not kept for correction");
  await go('#/?q=%22');
  check(await page.locator("#filters").count() === 1 && await page.locator("#view [role=alert]").count() === 1,
    "a search for a quote mark does not show its error inline");
  expect400 = false;
  checks.push("bad filters shown inline");

  // Companies: search by the start of a name, in any case.
  await go("#/companies?prefix=orb");
  const found = await page.locator("#companies-table tbody tr td:first-child").allInnerTexts();
  check(found.length >= 1 && found.every((c) => /^orb/i.test(c)), `companies starting with "orb": ${found}`);
  checks.push(`companies search: ${found.length}`);

  // Sort by size, largest first.
  await go("#/");
  await via(() => page.click("th >> text=Jobs"), () => location.hash.includes("sort=largest"));
  const sizes = (await rows.locator("td.num:nth-child(4)").allInnerTexts())
    .map((t) => Number((t.match(/[\d,]+/g) || ["-1"]).pop().replaceAll(",", "")));
  check(sizes.every((v, i) => i === 0 || sizes[i - 1] >= v), `not largest first: ${sizes}`);
  checks.push("sort largest");

  // Open an event and see its evidence highlighted.
  await go("#/?ai=true");
  await via(() => rows.first().locator("td:first-child a").click(), () => location.hash.startsWith("#/event/"));
  const marks = page.locator("blockquote.passage mark.ev");
  check(await marks.count() >= 2, "the event page highlights no evidence");
  check(await page.locator("blockquote.passage mark.ev.f-event").count() >= 1, "no cut span marked");
  check(await page.locator("blockquote.passage mark.ev.f-ai_attributed").count() >= 1, "no AI span marked on an AI-attributed event");
  await page.locator(".source button", { hasText: "Full text" }).first().click();
  await page.waitForSelector(".article:not([hidden]) mark.ev");
  checks.push(`event page: ${await marks.count()} evidence marks`);
  await page.screenshot({ path: join(outDir, "event.png"), fullPage: true });

  // Charts: by default the 24 months up to the latest event, every month
  // drawn (empty ones as zero), with the filter bar.
  await go("#/stats");
  check(await page.locator("#range-note").count() === 1, "the charts do not say which months they show");
  const since = await page.locator("input[name=since]").inputValue();
  const until = await page.locator("input[name=until]").inputValue();
  check(/^\d{4}-\d{2}$/.test(since) && /^\d{4}-\d{2}$/.test(until), `default range ${since}..${until}`);
  const monthBars = page.locator("#monthly-chart rect.bar:not(.ai):not(.ai-reported)");
  const ranged = await (await fetch(`${base}/api/stats?since=${since}&until=${until}`)).json();
  const dated = ranged.months.map((m) => m.group).filter((g) => /^\d{4}-\d{2}$/.test(g)).sort();
  const [fy, fm] = dated[0].split("-").map(Number), [ly, lm] = dated[dated.length - 1].split("-").map(Number);
  const span = (ly * 12 + lm) - (fy * 12 + fm) + 1;
  check(await monthBars.count() === span, `the chart draws ${await monthBars.count()} months for a span of ${span}`);
  await go("#/stats?since=1900");
  const bars = await page.locator("#monthly-chart rect.bar").count();
  check(bars >= 3, `monthly chart has ${bars} bars`);
  check(await page.locator("#reasons-chart .barrow").count() >= 2, "no reason breakdown");
  check(await page.locator("#functions-chart .barrow").count() >= 2, "no function breakdown");
  const employerShare = await page.locator("#ai-employer-share b").innerText();
  check(/^\d+%$/.test(employerShare) && employerShare !== "0%", `employer-cited AI share card shows ${employerShare}`);
  checks.push(`charts: ${bars} bars, employer-cited AI ${employerShare}`);
  await page.screenshot({ path: join(outDir, "stats.png"), fullPage: true });
  await page.fill("input[name=company]", "Orbital Motors");
  await via(() => page.click("#filters button[type=submit]"), () => location.hash.startsWith("#/stats?") && location.hash.includes("company="));
  const orbital = (await (await fetch(`${base}/api/stats?since=1900&company=Orbital%20Motors`)).json()).totals.events;
  const card = await page.locator(".cards .card b").first().innerText();
  check(Number(card.replaceAll(",", "")) === orbital, `the company filter on charts shows ${card} events, the API ${orbital}`);
  checks.push("charts filter bar");

  // The AI-exposure panel: the band chart, the occupations most exposed
  // first, the AI-attributed share, and an event's roles with their occupations.
  await go("#/exposure?since=1900");
  check(await page.locator("#filters").count() === 1, "the exposure view has no filter bar");
  const segments = await page.locator("#exposure-chart rect.band").count();
  check(segments >= 2, `exposure chart has ${segments} band segments`);
  const occRows = page.locator("#exposure-occupations tbody tr");
  const occCount = await occRows.count();
  check(occCount >= 2, `exposure table has ${occCount} occupations`);
  const betas = (await occRows.locator("td:nth-child(3)").allInnerTexts()).map(Number);
  check(betas.every((b, i) => i === 0 || betas[i - 1] >= b), `occupations not most exposed first: ${betas}`);
  check(await page.locator("#exposure-occupations .pill.band-high").count() >= 1, "no high-exposure occupation shown");
  const aiCard = await page.locator("#exposure-cards .card.ai b").innerText();
  check(/^\d+%$/.test(aiCard), `AI-attributed share card shows ${aiCard}`);
  check(await page.locator("#exposure-traits .barrow").count() === 3, "the three traits are not shown");
  checks.push(`exposure: ${segments} band segments, ${occCount} occupations, AI share ${aiCard}`);
  await page.screenshot({ path: join(outDir, "exposure.png"), fullPage: true });
  await via(() => page.locator("#exposure-companies a", { hasText: "Northwind Insurance" }).click(), () => location.hash.startsWith("#/company/"));
  await via(() => page.locator("a[href^='#/event/']").first().click(), () => location.hash.startsWith("#/event/"));
  const roleRows = await page.locator("#event-exposure tbody tr").count();
  check(roleRows >= 3, `the event shows ${roleRows} roles with occupations`);
  check(await page.locator("blockquote.passage mark.ev.f-roles").count() >= 1, "no role span marked");
  checks.push(`event roles: ${roleRows}`);

  // A company timeline.
  await go("#/company/Orbital%20Motors");
  const waves = await page.locator("figure.chart rect.bar").count();
  check(waves >= 2, `timeline shows ${waves} waves`);
  checks.push(`timeline: ${waves} waves`);

  // Full-text search.
  await go("#/search?q=plant");
  const hits = await page.locator("#search-results .hit").count();
  check(hits >= 1, "search found nothing for 'plant'");
  check(await page.locator("#search-results .hit mark").count() >= 1, "search hits are not highlighted");
  checks.push(`search: ${hits} hits`);

  // Phone width: the page does not scroll sideways (the table scrolls in its box).
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const p2 = await phone.newPage();
  p2.on("pageerror", (e) => problems.push(`page error (phone): ${e.message}`));
  await p2.goto(base + "/#/");
  await p2.waitForFunction(() => document.body.dataset.ready === "true");
  const overflow = await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the phone layout overflows by ${overflow}px`);
  await p2.screenshot({ path: join(outDir, "phone.png") });
  checks.push("phone width fits");

  check(problems.length === 0, problems.join("\n"));
  console.log(JSON.stringify({ ok: true, checks }));
} catch (e) {
  console.error(`dashboard check failed: ${e.message} (after: ${checks.join("; ")})`);
  if (problems.length) console.error(problems.join("\n"));
  process.exitCode = 1;
} finally {
  await browser.close();
}
