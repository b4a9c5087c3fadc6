/** The intelligence module's events: name → payload. None yet; models' outputs are rows, read by the portals. */
export {};
