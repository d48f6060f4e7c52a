import { dollarsText } from '../money/money';

/** The small HTML pages an owner reaches from a text, on a phone: no script, no external assets. */

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);


function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} · RinglyPro</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1c1c1c}
h1{font-size:1.4rem}.packs a{display:block;margin:.6rem 0;padding:.9rem;border-radius:.5rem;background:#1f5eff;color:#fff;text-align:center;text-decoration:none;font-weight:600}
.figure{font-size:1.1rem}.note{color:#555;font-size:.9rem}</style></head>
<body>${body}</body></html>`;
}

export interface ReloadPageView {
  businessName: string;
  balance: string;
  freeMinutesLeft: number;
  resetsOn: string;
  rachelPaused: boolean;
  /** One link per credit pack, or null when this server takes no card payments (Stripe not configured). */
  packs: Array<{ dollars: number; href: string }> | null;
}

export function reloadPage(view: ReloadPageView): string {
  const status = view.rachelPaused
    ? `<p><strong>Rachel is paused.</strong> Calls go straight to your phone until credit is added.</p>`
    : `<p>Rachel is answering your calls.</p>`;
  const packs = view.packs
    ? `<div class="packs">${view.packs.map((p) => `<a href="${escape(p.href)}">Add $${p.dollars}</a>`).join('')}</div>
<p class="note">Payment is taken by Stripe. The credit appears here within a minute of paying.</p>`
    : `<p class="note">Card payments are not set up on this server. Contact RinglyPro support to add credit.</p>`;
  return page(
    'Add credit',
    `<h1>${escape(view.businessName)}</h1>
<p class="figure">Credit balance: <strong>${escape(dollarsText(view.balance))}</strong></p>
<p class="figure">Free minutes left this month: <strong>${view.freeMinutesLeft}</strong> (renewed on ${escape(view.resetsOn)})</p>
${status}${packs}`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escape(title)}</h1><p>${escape(message)}</p>`);
}
