import type { PaymentMethod } from '../../../modules/billing/payments/schema.ts';

/**
 * The ISPs of the demo platform and what sets them apart: market, currency, taxes, plans and
 * prices, how their subscribers pay and how much they download. Figures follow published
 * broadband data where there is one (Ookla/Opensignal usage per line, OECD broadband prices,
 * TRAI and BNetzA reports): Indian fibre lines move about 8 GB a day, German ones 10, American
 * 15 to 20; monthly churn of fixed broadband sits around 1–2 %.
 */
export type PlanProfile = {
  name: string; downKbps: number; upKbps: number; priceMinor: number;
  /** Fair-use quota per month (GB); beyond it the AAA engine slows the line to the FUP speed. */
  fupGb: number | null; fupKbps: number | null;
  /** Median traffic of a line on this plan, GB a day, at the start of the history. */
  gbPerDay: number;
  /** Share of sign-ups at the start, and how it drifts a year later (faster plans gain). */
  weight: number; weightLaterYear: number;
};

export type IspProfile = {
  key: 'demo' | 'in' | 'eu';
  slug: string; name: string; currency: string; timezone: string; locale: 'en' | 'es' | 'fr' | 'ar' | 'hi';
  /** Share of the history's subscriber accounts. */
  share: number;
  country: string; region: string; legalName: string; address: string; taxId: string;
  taxes: { name: string; kind: 'gst' | 'vat' | 'sales_tax'; scope: 'any' | 'intra' | 'inter'; rate: string; region: string | null }[];
  pricesIncludeTax: boolean; paymentTermsDays: number; overagePerGbMinor: number;
  anchor: 'calendar' | 'anniversary';
  /** Reminder days before and after the due date, and the grace days before suspension. */
  dunning: { before: number[]; after: number[]; grace: number };
  installFeeMinor: number;
  plans: PlanProfile[];
  /** Monthly voluntary churn of an average subscriber (before tenure, price and experience). */
  churnPerMonth: number;
  /** Payer kinds: prompt, card on file, late, defaulter. */
  payers: [number, number, number, number];
  counterMethods: Exclude<PaymentMethod, 'gateway' | 'card'>[];
  /** Sign-up intensity by month (Jan..Dec), relative. */
  season: number[];
  branches: { name: string; code: string; address: string }[];
  center: [number, number]; cities: string[]; streets: string[]; firstNames: string[]; lastNames: string[]; phone: (n: number) => string;
  emailDomain: string;
  /** The NAS addresses of the history (loopback: the history never sends to a real network). */
  nasAddresses: string[];
};

const inPlans: PlanProfile[] = [
  { name: 'Lite 30 Mbps (300 GB)', downKbps: 30_720, upKbps: 30_720, priceMinor: 39_900, fupGb: 300, fupKbps: 2_048, gbPerDay: 6, weight: 30, weightLaterYear: 18 },
  { name: 'Home 100 Mbps', downKbps: 102_400, upKbps: 102_400, priceMinor: 69_900, fupGb: 3_300, fupKbps: 10_240, gbPerDay: 8, weight: 45, weightLaterYear: 47 },
  { name: 'Turbo 300 Mbps', downKbps: 307_200, upKbps: 307_200, priceMinor: 119_900, fupGb: 3_300, fupKbps: 20_480, gbPerDay: 13, weight: 20, weightLaterYear: 28 },
  { name: 'Ultra 1 Gbps', downKbps: 1_048_576, upKbps: 1_048_576, priceMinor: 299_900, fupGb: 5_000, fupKbps: 51_200, gbPerDay: 22, weight: 5, weightLaterYear: 7 },
];

const euPlans: PlanProfile[] = [
  { name: 'Glasfaser 100', downKbps: 102_400, upKbps: 51_200, priceMinor: 3_499, fupGb: null, fupKbps: null, gbPerDay: 8, weight: 40, weightLaterYear: 30 },
  { name: 'Glasfaser 300', downKbps: 307_200, upKbps: 102_400, priceMinor: 4_499, fupGb: null, fupKbps: null, gbPerDay: 11, weight: 42, weightLaterYear: 45 },
  { name: 'Glasfaser 1000', downKbps: 1_048_576, upKbps: 512_000, priceMinor: 6_999, fupGb: null, fupKbps: null, gbPerDay: 17, weight: 18, weightLaterYear: 25 },
];

/** The demo ISP's own plans (demo-data.ts): the history adds subscribers to them. */
const demoPlans: PlanProfile[] = [
  { name: 'Basic 10M', downKbps: 10_240, upKbps: 5_120, priceMinor: 1_999, fupGb: 200, fupKbps: 2_048, gbPerDay: 4, weight: 30, weightLaterYear: 20 },
  { name: 'Standard 25M', downKbps: 25_600, upKbps: 10_240, priceMinor: 2_999, fupGb: 200, fupKbps: 2_048, gbPerDay: 6, weight: 50, weightLaterYear: 50 },
  { name: 'Premium 100M', downKbps: 102_400, upKbps: 51_200, priceMinor: 5_999, fupGb: null, fupKbps: null, gbPerDay: 11, weight: 20, weightLaterYear: 30 },
];

export const ispProfiles: IspProfile[] = [
  {
    key: 'demo', slug: 'demo-isp', name: 'Demo ISP', currency: 'USD', timezone: 'UTC', locale: 'en', share: 0.35,
    country: 'US', region: 'NY', legalName: 'Demo ISP LLC', address: '1 Main Street, New York, NY', taxId: 'NY-ST-120-4411',
    taxes: [], pricesIncludeTax: false, paymentTermsDays: 15, overagePerGbMinor: 100, anchor: 'calendar', installFeeMinor: 4_900,
    // As demo-payments.ts set it up.
    dunning: { before: [3], after: [1, 7], grace: 10 },
    plans: demoPlans, churnPerMonth: 0.016, payers: [55, 22, 17, 6], counterMethods: ['bank_transfer', 'cash', 'cheque'],
    season: [1.1, 0.95, 0.95, 0.95, 1, 1.1, 1.15, 1.3, 1.35, 1, 0.9, 0.75],
    // No John and no Johnson: the demo's John Doe stays the one subscriber a search for "John" finds first.
    branches: [], center: [40.7128, -74.006], cities: ['Springfield', 'Riverside', 'Lakeside', 'Hillview'],
    streets: ['Elm Street', 'Oak Avenue', 'Maple Drive', 'Cedar Lane', 'Pine Road', 'Lake Road', 'Hill Street', 'River Road'],
    firstNames: ['James', 'Mary', 'Robert', 'Patricia', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Carlos', 'Sofia', 'Kevin', 'Aisha', 'Daniel', 'Emily', 'Tyrone', 'Mei'],
    lastNames: ['Smith', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Lee', 'Nguyen', 'Patel'],
    phone: (n) => `+1 555 ${String(1000 + (n % 9000)).padStart(4, '0')}`, emailDomain: 'example.net', nasAddresses: ['127.0.30.1'],
  },
  {
    key: 'in', slug: 'ganga-fibernet', name: 'Ganga Fibernet', currency: 'INR', timezone: 'Asia/Kolkata', locale: 'en', share: 0.45,
    country: 'IN', region: 'KA', legalName: 'Ganga Fibernet Private Limited', address: '4th Floor, 80 Feet Road, Koramangala, Bengaluru 560034, Karnataka',
    taxId: '29AAHCG4120K1Z5',
    taxes: [
      { name: 'CGST', kind: 'gst', scope: 'intra', rate: '9', region: null },
      { name: 'SGST', kind: 'gst', scope: 'intra', rate: '9', region: null },
      { name: 'IGST', kind: 'gst', scope: 'inter', rate: '18', region: null },
    ],
    pricesIncludeTax: false, paymentTermsDays: 7, overagePerGbMinor: 0, anchor: 'anniversary', installFeeMinor: 150_000,
    dunning: { before: [], after: [1, 7], grace: 5 },
    plans: inPlans, churnPerMonth: 0.022, payers: [50, 18, 22, 10], counterMethods: ['bank_transfer', 'cash'],
    // Sign-ups peak after the monsoon and around Diwali, dip in the spring exam season.
    season: [1, 0.9, 0.8, 0.85, 1, 1.05, 1.1, 1.15, 1.2, 1.35, 1.3, 1],
    branches: [{ name: 'Koramangala', code: 'KOR', address: '80 Feet Road, Koramangala' }, { name: 'Whitefield', code: 'WFD', address: 'ITPL Main Road, Whitefield' }, { name: 'Jayanagar', code: 'JAY', address: '11th Main, Jayanagar 4th Block' }],
    center: [12.9716, 77.5946], cities: ['Bengaluru'],
    streets: ['1st Cross', '5th Main', 'MG Road', 'Residency Road', 'Sarjapur Road', 'Outer Ring Road', 'Old Airport Road', 'Hosur Road'],
    firstNames: ['Aarav', 'Vivaan', 'Aditya', 'Ananya', 'Diya', 'Ishaan', 'Kavya', 'Rohan', 'Priya', 'Arjun', 'Meera', 'Sanjay', 'Lakshmi', 'Rahul', 'Deepa', 'Vikram', 'Neha', 'Karthik', 'Pooja', 'Suresh'],
    lastNames: ['Sharma', 'Iyer', 'Reddy', 'Nair', 'Rao', 'Gowda', 'Patel', 'Kumar', 'Singh', 'Menon', 'Shetty', 'Hegde', 'Joshi', 'Pillai', 'Das', 'Bhat'],
    phone: (n) => `+91 98450 ${String(10_000 + (n % 90_000)).padStart(5, '0')}`, emailDomain: 'example.in', nasAddresses: ['127.0.10.1', '127.0.10.2'],
  },
  {
    key: 'eu', slug: 'rheinland-glasfaser', name: 'Rheinland Glasfaser', currency: 'EUR', timezone: 'Europe/Berlin', locale: 'en', share: 0.2,
    country: 'DE', region: 'NW', legalName: 'Rheinland Glasfaser GmbH', address: 'Rheinuferstraße 12, 50668 Köln', taxId: 'DE314159265',
    taxes: [{ name: 'USt 19 %', kind: 'vat', scope: 'any', rate: '19', region: null }],
    pricesIncludeTax: true, paymentTermsDays: 14, overagePerGbMinor: 0, anchor: 'calendar', installFeeMinor: 9_900,
    dunning: { before: [], after: [1, 7], grace: 14 },
    plans: euPlans, churnPerMonth: 0.011, payers: [30, 58, 9, 3], counterMethods: ['bank_transfer'],
    season: [1.15, 1, 0.95, 0.95, 0.95, 0.9, 0.85, 0.95, 1.2, 1.15, 1.05, 0.8],
    branches: [{ name: 'Köln', code: 'CGN', address: 'Rheinuferstraße 12' }, { name: 'Bonn', code: 'BON', address: 'Poppelsdorfer Allee 3' }],
    center: [50.9375, 6.9603], cities: ['Köln', 'Bonn', 'Leverkusen'],
    streets: ['Hauptstraße', 'Schulstraße', 'Gartenstraße', 'Bahnhofstraße', 'Kirchweg', 'Rheinallee', 'Lindenstraße', 'Am Markt'],
    firstNames: ['Lukas', 'Anna', 'Leon', 'Mia', 'Finn', 'Emma', 'Jonas', 'Hannah', 'Paul', 'Lea', 'Felix', 'Sophie', 'Mehmet', 'Elif', 'Jan', 'Laura'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Yılmaz', 'Klein', 'Wolf'],
    phone: (n) => `+49 221 ${String(1_000_000 + (n % 9_000_000))}`, emailDomain: 'example.de', nasAddresses: ['127.0.20.1'],
  },
];
