import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'pushchart-demo';
export const DEMO_EMAIL = {
  nurse: 'nurse@pushchart.test',
  nurse2: 'nurse2@pushchart.test',
  coder: 'coder@pushchart.test',
  admin: 'admin@pushchart.test',
} as const;

/** Signs in through the sign-in page, as a person would. */
export async function signInAs(page: Page, who: keyof typeof DEMO_EMAIL, baseURL = '') {
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel('Email').fill(DEMO_EMAIL[who]);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}
