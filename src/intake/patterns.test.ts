import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contactFooterName, SHARE_BAR } from './patterns.js';

/** The pattern contactFooterName replaced (issue 13: the lazy name stopped at every character to read to the end, quadratic). */
const OLD_CONTACT_FOOTER = /^to contact (?:the )?(.+?)(?: and (?:the )?.+?)? visit:?$/i;

test('contactFooterName reads the organisation the old contact-footer pattern read', () => {
  const lines = [
    'To contact the Example Post and the Workers Party visit:', 'To contact the Example Post visit', 'to contact the visit', 'To contact visit',
    'To contact the the visit:', 'To contact X and Y and Z visit', 'To contact X and visit', 'To contact X and the visit', 'To contact and X visit',
    'To contact  and X visit', 'To contact X AND Y Visit:', 'To contact X visit::', 'To contact X\nY visit', 'To contact X visit ', 'To contact the \u2028 visit',
    `TO CONTACT S${' AND :'.repeat(200)}H`, `To contact A${' and'.repeat(50)} visit:`, 'Contact the Example Post visit', 'To contact Thevisit',
  ];
  for (const l of lines) assert.equal(contactFooterName(l), OLD_CONTACT_FOOTER.exec(l)?.[1] ?? null, l.slice(0, 60));
});

test('issue 13: a share bar is told as the old pattern told it (recheck rated it quadratic)', () => {
  const old = /^(?:(?:facebook|twitter|x|whatsapp|pinterest|pint|pin it|linkedin|reddit|telegram|tumblr|messenger|vk|email|e-mail|mail|print|copy link|copy|share|tweet|compartir|partager|teilen|baixar|download|sms)\b[\s|·•,/]*){2,}\S{0,20}$/i;
  const texts = ['Facebook Twitter WhatsApp Email', 'Whatsapp Facebook Pint Baixar', 'facebook copy link', 'facebook copy link here', 'Share', 'x x', 'xx x', 'Facebook | Twitter | abcdefghijklmnopqrstu', 'Facebook | Twitter | abcdefghijklmnopqrst', 'email e-mail mail,,/', 'pin it pint', 'X,X ' + ',X,'.repeat(3000) + 'a b', 'print sms 😀😀😀😀😀😀😀😀😀😀😀', 'tweet share\nmore'];
  for (const t of texts) assert.equal(SHARE_BAR.test(t), old.test(t), JSON.stringify(t.slice(0, 40)));
});
