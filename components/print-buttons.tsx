'use client';
import { primaryButtonClass, secondaryButtonClass } from './field';

/** Print, or save as PDF through the browser's print dialog (the same document either way). */
export function PrintButtons() {
  return (
    <div className="flex gap-3 print:hidden">
      <button type="button" className={primaryButtonClass} onClick={() => window.print()}>
        Print
      </button>
      <button type="button" className={secondaryButtonClass} onClick={() => window.print()} title="Choose “Save as PDF” as the printer">
        Download PDF
      </button>
    </div>
  );
}
