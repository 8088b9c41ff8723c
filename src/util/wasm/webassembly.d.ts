/**
 * The part of the WebAssembly JavaScript API this project uses. TypeScript declares it only in the DOM and
 * web-worker libraries, which would also bring browser globals into a Node program; Node 20 provides it all.
 */
declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(delta: number): number;
  }
  class Module {
    constructor(bytes: Uint8Array);
  }
  type ExportValue = ((...args: number[]) => number | void) | Memory;
  type Exports = Record<string, ExportValue>;
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, Memory>>);
    readonly exports: Exports;
  }
  function validate(bytes: Uint8Array): boolean;
}
