/**
 * Every domain event, name → payload (the JSON the outbox stores and the bus carries). It is
 * empty here: each module declares its own events in `modules/<m>/events.ts`, by adding them to
 * this interface (declaration merging), so the platform names no module while the bus and the
 * outbox are typed by the union of all of them. To find who reacts to an event, search for its
 * name: consumers subscribe by name (`ctx.bus.on('subscriber.suspended', …)`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the modules' events.ts
export interface DomainEvents {}

/** The name of a domain event. */
export type EventName = keyof DomainEvents & string;

/** A change image carried as is: for events whose payload no module reads field by field. */
export type ChangeImage = Readonly<Record<string, unknown>>;
