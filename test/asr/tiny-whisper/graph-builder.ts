// A small builder for ONNX graphs, so the tiny test model reads as a list of operations instead
// of nested protobuf objects. Only what the tiny Whisper graphs need: float/int64 constants,
// symbolic or fixed dimensions, node attributes (ints, floats, sub-graphs for `If`).
import { AttributeType, TensorDataType } from './onnx-proto.ts';

export type Dim = number | string;
export type ElemType = (typeof TensorDataType)[keyof typeof TensorDataType];

type Attribute =
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'float'; value: number }
  | { kind: 'graph'; value: Record<string, unknown> };

export const attr = {
  int: (value: number): Attribute => ({ kind: 'int', value }),
  ints: (value: number[]): Attribute => ({ kind: 'ints', value }),
  float: (value: number): Attribute => ({ kind: 'float', value }),
  graph: (value: Record<string, unknown>): Attribute => ({ kind: 'graph', value }),
};

function valueInfo(name: string, elemType: ElemType, dims: Dim[]): Record<string, unknown> {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function encodeAttribute(name: string, a: Attribute): Record<string, unknown> {
  switch (a.kind) {
    case 'int': return { name, type: AttributeType.INT, i: a.value };
    case 'ints': return { name, type: AttributeType.INTS, ints: a.value };
    case 'float': return { name, type: AttributeType.FLOAT, f: a.value };
    case 'graph': return { name, type: AttributeType.GRAPH, g: a.value };
  }
}

export class GraphBuilder {
  private readonly nodes: Record<string, unknown>[] = [];
  private readonly initializers: Record<string, unknown>[] = [];
  private readonly inputs: Record<string, unknown>[] = [];
  private readonly outputs: Record<string, unknown>[] = [];
  private counter = 0;

  /** `prefix` keeps generated names unique when a sub-graph refers to its parent's values. */
  constructor(private readonly prefix = '') {}

  input(name: string, elemType: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: ElemType, dims: Dim[]): string {
    this.outputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  floats(name: string, dims: number[], data: Float32Array): string {
    if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`${name}: ${data.length} values for dims ${dims.join('x')}`);
    this.initializers.push({ name, dims, dataType: TensorDataType.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  int64s(values: number[], dims: number[] = [values.length]): string {
    const name = this.fresh('const');
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims, dataType: TensorDataType.INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  scalar(value: number): string {
    const name = this.fresh('scalar');
    this.initializers.push({ name, dims: [], dataType: TensorDataType.FLOAT, rawData: new Uint8Array(new Float32Array([value]).buffer) });
    return name;
  }

  /** Adds one node; returns its output names (generated unless given). */
  node(opType: string, inputs: string[], attrs: Record<string, Attribute> = {}, outputs: string[] | number = 1): string[] {
    const outs = typeof outputs === 'number' ? Array.from({ length: outputs }, () => this.fresh(opType)) : outputs;
    this.nodes.push({
      opType,
      name: this.fresh(`${opType}_node`),
      input: inputs,
      output: outs,
      attribute: Object.entries(attrs).map(([n, a]) => encodeAttribute(n, a)),
    });
    return outs;
  }

  /** Shorthand for a node with exactly one output. */
  op(opType: string, inputs: string[], attrs: Record<string, Attribute> = {}, output?: string): string {
    return this.node(opType, inputs, attrs, output ? [output] : 1)[0]!;
  }

  build(name: string): Record<string, unknown> {
    return { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }

  private fresh(stem: string): string {
    this.counter += 1;
    return `${this.prefix}${stem}_${this.counter}`;
  }
}

/** Deterministic pseudo-random weights (mulberry32), so a given seed always builds the same model. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomWeights(rand: () => number, count: number, scale: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (rand() * 2 - 1) * scale;
  return out;
}
