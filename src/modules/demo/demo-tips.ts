/** Tips of the demo organization: what a new user searches first. Author is a demo account's email. */
export interface DemoTip {
  author: string;
  title: string;
  body: string;
  tags: string[];
  language: string;
}

const BILLING = 'expert@demo.example';
const TECH = 'tech.expert@demo.example';
const LEAD = 'lead@demo.example';

export const DEMO_TIPS: DemoTip[] = [
  {
    author: BILLING,
    title: 'Refund a cancelled order',
    body: 'Check the order is **cancelled** (not just paused). Refund to the original card in *Billing → Refunds*.\n\nSay: "The refund is on its way; you will see it in 3–5 working days."',
    tags: ['billing', 'refunds'],
    language: 'en',
  },
  {
    author: BILLING,
    title: 'Customer was charged twice',
    body: 'Look for two captures with the same amount on the same day. The second one is usually a pending authorization that drops off by itself within 48 hours. If both are settled, refund the duplicate.',
    tags: ['billing', 'refunds'],
    language: 'en',
  },
  {
    author: BILLING,
    title: 'Reimbursement for a late delivery',
    body: 'Deliveries more than 2 days late get a 10% credit. Add it under *Account → Credits* with reason "late delivery". Larger amounts need a lead.',
    tags: ['billing', 'delivery'],
    language: 'en',
  },
  {
    author: BILLING,
    title: 'Change the billing address',
    body: 'The customer must confirm the last 4 digits of the card first. Then edit the address in *Account → Billing*. The next invoice uses the new address.',
    tags: ['billing', 'account'],
    language: 'en',
  },
  {
    author: BILLING,
    title: 'Customer did not receive the invoice',
    body: 'Check the email on file and the spam folder. Resend from *Billing → Invoices → Resend*. A PDF copy can also be downloaded in the customer portal.',
    tags: ['billing', 'invoices'],
    language: 'en',
  },
  {
    author: BILLING,
    title: 'Explain a prorated charge',
    body: 'When a plan changes mid-month, the customer pays the new price only for the remaining days. Say: "You are charged for the days left in this month at the new price."',
    tags: ['billing', 'plans'],
    language: 'en',
  },
  {
    author: BILLING,
    title: 'Payment failed: card declined',
    body: "We cannot see the bank's reason. Ask the customer to try another card or call their bank. Three failed attempts pause the service; it resumes as soon as a payment succeeds.",
    tags: ['billing', 'payments'],
    language: 'en',
  },
  {
    author: BILLING,
    title: 'Cancel a subscription',
    body: 'Offer the pause option first (up to 3 months). If the customer still wants to cancel: *Account → Subscription → Cancel*. Service runs until the end of the paid period; no refund for the current month.',
    tags: ['account', 'cancellation'],
    language: 'en',
  },
  {
    author: BILLING,
    title: 'Verify the caller is the account holder',
    body: 'Ask for two of: date of birth, postcode, last 4 digits of the card. Never read the details out to the caller. If verification fails, offer a call back to the number on file.',
    tags: ['account', 'security'],
    language: 'en',
  },
  {
    author: LEAD,
    title: 'Calm an angry customer',
    body: 'Let them finish. Name the feeling ("I can hear this has been really frustrating"), say what you will do next, and give a time. Do not promise what you cannot check.',
    tags: ['soft-skills'],
    language: 'en',
  },
  {
    author: LEAD,
    title: 'Put a customer on hold politely',
    body: 'Ask first, say why and for how long: "May I put you on hold for two minutes while I check the order?" Come back before the time is up, even if only to ask for more time.',
    tags: ['soft-skills'],
    language: 'en',
  },
  {
    author: LEAD,
    title: 'Escalate to a team lead',
    body: 'Escalate when the customer asks for a manager twice, when a credit is above your limit, or when there is a legal threat. Write a two-line summary in the case first so the lead does not ask again.',
    tags: ['escalation'],
    language: 'en',
  },
  {
    author: TECH,
    title: 'Router lights are red',
    body: '1. Power the router off for 30 seconds.\n2. Check the cable to the wall socket.\n3. If the *internet* light stays red after 5 minutes, run a line test in *Tools → Line test* and book a technician if it fails.',
    tags: ['connectivity', 'devices'],
    language: 'en',
  },
  {
    author: TECH,
    title: 'Slow internet speed',
    body: 'Ask the customer to test on a cable, not Wi-Fi. Below 50% of the plan speed on cable: run a line test. On Wi-Fi only: suggest moving the router off the floor and away from the microwave.',
    tags: ['connectivity'],
    language: 'en',
  },
  {
    author: TECH,
    title: 'Reset a forgotten password',
    body: 'Send the reset link from *Account → Security → Send reset link*. The link works for 30 minutes. Never set a password for the customer over the phone.',
    tags: ['account', 'security'],
    language: 'en',
  },
  {
    author: TECH,
    title: 'Activate a new SIM card',
    body: 'The SIM activates within 2 hours of the order being marked delivered. If it is still "No service" after that, check the SIM number matches the order and re-send the activation.',
    tags: ['mobile', 'devices'],
    language: 'en',
  },
  {
    author: TECH,
    title: 'Set up voicemail',
    body: 'Dial 121 from the mobile and follow the prompts. The default PIN is the last four digits of the account number; ask the customer to change it.',
    tags: ['mobile'],
    language: 'en',
  },
  {
    author: TECH,
    title: 'No dial tone on the landline',
    body: 'Try another phone on the same socket. If there is still no tone, run a line test. A fault on our side is fixed within 2 working days; give the customer the case number.',
    tags: ['connectivity', 'landline'],
    language: 'en',
  },
  {
    author: TECH,
    title: 'Update the delivery address for a device',
    body: 'Possible only before the order is *dispatched*. After dispatch, the customer can redirect the parcel with the courier link in the dispatch email.',
    tags: ['delivery', 'devices'],
    language: 'en',
  },
  {
    author: TECH,
    title: 'Customer wants to keep their number',
    body: 'Ask for the porting code (PAC) from the old provider. Enter it in *Mobile → Port in*. The number moves on the next working day; both SIMs may work for a few hours.',
    tags: ['mobile'],
    language: 'en',
  },
  {
    author: BILLING,
    title: 'بازپرداخت سفارش لغو شده',
    body: 'اول مطمئن شوید سفارش **لغو** شده است. بازپرداخت به همان کارت انجام می‌شود.\n\nبگویید: «مبلغ ظرف ۳ تا ۵ روز کاری به حساب شما برمی‌گردد.»',
    tags: ['billing', 'refunds'],
    language: 'fa',
  },
  {
    author: BILLING,
    title: 'مشتری می‌خواهد آدرس صورتحساب را تغییر دهد',
    body: 'ابتدا چهار رقم آخر کارت را تأیید کنید. سپس آدرس را در بخش حساب ← صورتحساب تغییر دهید.',
    tags: ['billing', 'account'],
    language: 'fa',
  },
  {
    author: TECH,
    title: 'اینترنت کند است',
    body: 'از مشتری بخواهید با کابل تست کند، نه وای‌فای. اگر سرعت کمتر از نصف سرعت طرح بود، تست خط را اجرا کنید.',
    tags: ['connectivity'],
    language: 'fa',
  },
  {
    author: LEAD,
    title: 'آرام کردن مشتری عصبانی',
    body: 'بگذارید حرفش را تمام کند. احساسش را نام ببرید و بگویید قدم بعدی چیست و چه زمانی انجام می‌شود.',
    tags: ['soft-skills'],
    language: 'fa',
  },
  {
    author: TECH,
    title: 'Puhelinkeskus ei vastaa',
    body: 'Tarkista ensin, onko puhelinkeskuksessa huoltokatko (*Työkalut → Tila*). Jos katkoa ei ole, käynnistä asiakkaan laite uudelleen ja tee linjatesti.',
    tags: ['connectivity', 'landline'],
    language: 'fi',
  },
  {
    author: BILLING,
    title: 'Hyvitys peruutetusta tilauksesta',
    body: 'Varmista, että tilaus on **peruutettu**. Hyvitys tehdään alkuperäiselle kortille, ja se näkyy tilillä 3–5 arkipäivän kuluessa.',
    tags: ['billing', 'refunds'],
    language: 'fi',
  },
  {
    author: TECH,
    title: 'Hidas internetyhteys',
    body: 'Pyydä asiakasta testaamaan nopeus kaapelilla, ei langattomalla verkolla. Jos nopeus on alle puolet liittymän nopeudesta, tee linjatesti.',
    tags: ['connectivity'],
    language: 'fi',
  },
  {
    author: LEAD,
    title: 'Asiakkaan asettaminen pitoon',
    body: 'Kysy lupa ja kerro syy ja kesto: "Saanko laittaa puhelun pitoon kahdeksi minuutiksi, kun tarkistan tilauksen?"',
    tags: ['soft-skills'],
    language: 'fi',
  },
];

/** Demo experts: who knows which tags. */
export const DEMO_EXPERTISE: { email: string; tags: string[] }[] = [
  { email: BILLING, tags: ['billing', 'refunds'] },
  { email: TECH, tags: ['connectivity', 'devices', 'mobile'] },
];

/** Agents who reuse the experts' tips in the demo: evidence for points and badges. */
export const DEMO_REUSERS = ['agent@demo.example', 'tech.agent@demo.example', LEAD];

export const DEMO_MENTORS: {
  lead: string;
  mentor: string;
  tags: string[];
  reason: string;
  kudos: string;
  mentee: string;
  coaching: string;
}[] = [
  {
    lead: LEAD,
    mentor: BILLING,
    tags: ['billing', 'refunds'],
    reason: 'Her refund tips are the most reused on the floor.',
    kudos: 'Your double-charge tip saved three calls today.',
    mentee: 'agent@demo.example',
    coaching: 'Went through double charges together. Next: read the refund tip before Monday.',
  },
  {
    lead: 'tech.lead@demo.example',
    mentor: TECH,
    tags: ['connectivity', 'devices'],
    reason: 'The go-to person for router questions.',
    kudos: 'Thanks for walking Aino through the router reset.',
    mentee: 'tech.agent@demo.example',
    coaching: 'Listened to two router calls; the reset steps are solid. Next: mesh networks.',
  },
];

/** Weekday shifts on each person's own clock, so mentor suggestions show shared hours. */
export const DEMO_SHIFTS: { email: string; timeZone: string; start: string; end: string }[] = [
  { email: LEAD, timeZone: 'Europe/London', start: '08:00', end: '16:00' },
  { email: BILLING, timeZone: 'Europe/London', start: '09:00', end: '17:00' },
  { email: 'agent@demo.example', timeZone: 'Asia/Tehran', start: '10:00', end: '18:00' },
  { email: 'tech.lead@demo.example', timeZone: 'Europe/Helsinki', start: '08:00', end: '16:00' },
  { email: TECH, timeZone: 'Europe/Helsinki', start: '12:00', end: '20:00' },
  { email: 'tech.agent@demo.example', timeZone: 'Europe/Helsinki', start: '09:00', end: '17:00' },
];
