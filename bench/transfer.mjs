// A real browser's first visit of a page, then its first search query (typed after "/", as a reader would).
// The bytes are counted by bench/static_server.py (workers' requests included); this marks the moment between.
// Usage: node transfer.mjs URL QUERY [SCREENSHOT.png]; prints JSON. Runs Debian's chromium, never a download.
import puppeteer from "puppeteer-core";

const [url, query, screenshot] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 412, height: 823, isMobile: true, deviceScaleFactor: 1 });
  const client = await page.createCDPSession();
  await client.send("Network.enable");
  await client.send("Network.setCacheDisabled", { cacheDisabled: false });
  let transferred = 0;
  const files = [];
  const urls = new Map();
  client.on("Network.requestWillBeSent", (event) => urls.set(event.requestId, event.request.url));
  client.on("Network.loadingFinished", (event) => {
    transferred += event.encodedDataLength;
    files.push([urls.get(event.requestId), event.encodedDataLength]);
  });
  await page.goto(url, { waitUntil: "networkidle0" });
  const firstVisit = transferred;
  const visitFiles = files.splice(0);
  transferred = 0;
  await fetch(new URL("/__mark/query", url));
  await page.keyboard.press("/");
  await page.keyboard.type(query, { delay: 20 });
  await page.waitForSelector(".md-search-result__item", { timeout: 30000 });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const results = await page.$$eval(".md-search-result__item", (items) => items.length);
  if (screenshot) await page.screenshot({ path: screenshot });
  console.log(JSON.stringify({ firstVisit, firstQuery: transferred, results, visitFiles, queryFiles: files }));
} finally {
  await browser.close();
}
