/**
 * The subscribers module: the ISP's customers and their own self-service profile.
 * Below it: tenancy, catalog, aaa's policy part.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerSubscriberRoutes } from './subscribers.routes.ts';
import { registerSelfServiceRoutes } from './self-service.routes.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';

export const subscribersModule: ModuleDefinition = {
  name: 'subscribers',
  roles: ['api'],
  routes: [registerSubscriberRoutes, registerSelfServiceRoutes],
};

export { subscribers, subscriberStatuses, type SubscriberRow, type SubscriberStatus } from './schema.ts';
export { createSubscriberBody, updateSubscriberBody, subscriberDto, type CreateSubscriberInput, type UpdateSubscriberInput, type SubscriberDto } from './subscribers.schemas.ts';
export { applySubscriberUpdate, createSubscriber, getSubscriber, updateSubscriberInTx } from './subscribers.service.ts';
export { self, type Self } from './self-service.service.ts';
export { updateSubscriber } from './subscribers.service.ts';
