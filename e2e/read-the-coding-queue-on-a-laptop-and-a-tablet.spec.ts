import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAs } from './support/auth';

// The demo's day of service: its three encounters, whatever other journeys did to them.
const QUEUE = '/coding?status=any&from=2026-03-02&to=2026-03-02';

/** The element lies wholly inside the viewport's width (not cut off at the right, not scrolled out). */
async function expectWithinWidth(page: Page, el: Locator, what: string) {
  const box = await el.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right edge within ${width} px`).toBeLessThanOrEqual(width);
}

/** A select shows its chosen text whole: the box is at least as wide as its longest choice, padding and arrow included. */
async function expectSelectNotClipped(select: Locator, what: string) {
  const { need, have } = await select.evaluate((el: HTMLSelectElement) => {
    const cs = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const longest = Math.max(...Array.from(el.options, (o) => ctx.measureText(o.text).width));
    return { need: longest + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + 16, have: el.clientWidth };
  });
  expect(need, `${what}: ${Math.ceil(need)} px needed, ${have} px shown`).toBeLessThanOrEqual(have);
}

/** The text runs on one line (a wrapped MRN reads as two numbers). */
async function expectOneLine(el: Locator, what: string) {
  const lines = await el.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
  });
  expect(lines, what).toBe(1);
}

for (const { width, name } of [
  { width: 1280, name: 'a 1,280 px laptop' },
  { width: 768, name: 'a 768 px tablet' },
]) {
  test(`on ${name} the queue's filters and every column are readable without scrolling sideways`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInAs(page, 'coder');
    await page.goto(QUEUE);
    await expect(page.getByTestId('queue-row')).toHaveCount(3);

    // Nothing on the page is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width').toBeLessThanOrEqual(width);

    const filters = page.getByRole('search', { name: 'Queue filters' });
    for (const label of ['Search: MRN or patient name', 'Status', 'Facility', 'Query', 'Sort', 'Service from', 'Service to']) {
      await expectWithinWidth(page, filters.getByLabel(label), label);
    }
    for (const label of ['Status', 'Facility', 'Query', 'Sort']) {
      const select = filters.getByLabel(label);
      await expectSelectNotClipped(select, label);
      // Every choice, not only the one shown.
      for (const value of await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))) {
        await select.selectOption(value);
        await expectSelectNotClipped(select, `${label} = ${value || 'all'}`);
      }
    }
    await expectWithinWidth(page, filters.getByRole('button', { name: 'Apply' }), 'Apply');

    // The table: no sideways scroll, the last column (Query) on screen, MRNs on one line.
    const table = page.getByRole('grid', { name: 'Encounters to code' });
    const wrapper = table.locator('xpath=..');
    const { scroll, client } = await wrapper.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll, 'table fits its box').toBeLessThanOrEqual(client);
    await expectWithinWidth(page, table.getByRole('columnheader', { name: 'Query' }), 'Query column');
    for (const row of await page.getByTestId('queue-row').all()) {
      await expectWithinWidth(page, row.getByTestId('queue-query'), 'a row’s query state');
      const mrn = width >= 1024 ? row.getByTestId('queue-mrn') : row.getByTestId('queue-mrn-narrow');
      await expect(mrn).toBeVisible();
      await expect(mrn).toHaveText(/^(ED|MS)-\d+$/);
      await expectOneLine(mrn, 'MRN');
      await expectWithinWidth(page, mrn, 'MRN');
    }
  });
}
