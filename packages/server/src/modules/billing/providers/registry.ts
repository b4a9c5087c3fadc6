import type { GatewayAdapter } from './gateway.ts';
import { btcpayGateway } from './btcpay.ts';
import { paypalGateway } from './paypal.ts';
import { razorpayGateway } from './razorpay.ts';
import { stripeGateway } from './stripe.ts';

/** Every gateway the platform offers. A new local gateway is one import and one entry here. */
const adapters: readonly GatewayAdapter[] = [stripeGateway, razorpayGateway, paypalGateway, btcpayGateway];

export const gatewayProviders = adapters.map((a) => a.provider);

export function gatewayAdapter(provider: string): GatewayAdapter | null {
  return adapters.find((a) => a.provider === provider) ?? null;
}

export function allGatewayAdapters(): readonly GatewayAdapter[] {
  return adapters;
}
