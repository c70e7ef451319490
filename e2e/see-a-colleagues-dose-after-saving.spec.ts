import { expect, test } from '@playwright/test';
import { chartPush, localMinutesAgo, NY, openNewEncounter, save, sidebarCodes } from './support/charting';
import { signInAs } from './support/auth';

// Issue 16 fresh-user F2: saving answers with the stored entry instead of
// re-rendering the page. When a colleague charted on the same encounter in the
// meantime, the nurse who saves must see the chart as it now is, with the
// colleague's dose and the codes it brings, without reloading by hand.
test("after saving, a nurse's screen shows the dose a colleague charted on the same encounter meanwhile", async ({ browser }) => {
  const nora = await browser.newPage();
  await signInAs(nora, 'nurse');
  const { encounterId } = await openNewEncounter(nora, 'ED');
  const base = Date.now();
  await chartPush(nora, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(50, NY, base), site: 'L antecubital 20G' });
  await save(nora);
  await expect(nora.getByTestId('timeline-row')).toHaveCount(1);

  // Tomás, on another device, charts morphine on the same visit.
  const tomas = await browser.newPage();
  await signInAs(tomas, 'nurse2');
  await tomas.goto(`/encounters/${encounterId}`);
  await chartPush(tomas, { drug: 'morph', drugName: /^Morphine/, start: localMinutesAgo(40, NY, base), site: 'R forearm 20G', rationale: 'Pain' });
  await save(tomas);
  await expect(tomas.getByTestId('timeline-row')).toHaveCount(2);

  // Nora's screen has not been reloaded; she charts again and sees all three doses and the codes they support.
  await expect(nora.getByTestId('timeline-row')).toHaveCount(1);
  await chartPush(nora, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(5, NY, base) });
  await save(nora);
  await expect(nora.getByTestId('timeline-row')).toHaveCount(3);
  await expect(nora.getByTestId('timeline-row').filter({ hasText: /Morphine/ })).toHaveCount(1);
  await expect(sidebarCodes(nora).filter({ hasText: '96375' })).toHaveCount(1);

  // A save with no colleague's change in between keeps the screen as it is (no reload needed).
  await chartPush(nora, { drug: 'ondan', drugName: /^Ondansetron/, start: localMinutesAgo(2, NY, base) });
  await save(nora);
  await expect(nora.getByTestId('timeline-row')).toHaveCount(4);
});
