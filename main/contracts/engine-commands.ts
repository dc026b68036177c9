// What the desktop app may ask its embedded engine (`klachtcoach serve` in a utilityProcess) over
// the process's message port. One request only: a fresh pairing code, which the engine prints
// like any other (and which opens the network listener while it is valid).
export const NEW_PAIRING_CODE = { command: 'new-pairing-code' } as const;
export type EngineCommand = typeof NEW_PAIRING_CODE;
