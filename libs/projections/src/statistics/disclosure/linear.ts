/**
 * Exact linear algebra for the adversary: is a target functional in the row space of the
 * published ones, and which value does that force? Elimination runs modulo a prime below 2^26
 * (products stay exact in doubles) and every recovery is cross-checked modulo a second prime; the
 * system splits into the connected components of its coordinates, which are solved separately.
 */

/** A linear functional: coordinate → integer coefficient. */
export type Functional = ReadonlyMap<number, number>;

export interface Equation {
  readonly functional: Functional;
  readonly value: number;
}

const PRIMES = [33554393, 33554383] as const;

const mod = (a: number, p: number) => ((a % p) + p) % p;

function inverse(a: number, p: number): number {
  // Extended Euclid; a is non-zero mod p.
  let [r0, r1] = [p, mod(a, p)];
  let [t0, t1] = [0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return mod(t0, p);
}

/** Reduced row echelon form of one component, modulo p, with each row's value. */
class Echelon {
  private readonly rows: Float64Array[] = [];
  private readonly values: number[] = [];
  private readonly pivotRow = new Map<number, number>();

  constructor(
    private readonly width: number,
    private readonly p: number,
  ) {}

  /** Reduces `row` (and its value) by the pivots; returns the reduced value. */
  private reduce(row: Float64Array, value: number): number {
    const p = this.p;
    for (const [col, index] of this.pivotRow) {
      const factor = row[col]!;
      if (factor === 0) continue;
      const pivot = this.rows[index]!;
      for (let c = 0; c < this.width; c++) {
        if (pivot[c] !== 0) row[c] = mod(row[c]! - factor * pivot[c]!, p);
      }
      value = mod(value - factor * this.values[index]!, p);
    }
    return value;
  }

  add(row: Float64Array, value: number): void {
    const p = this.p;
    value = this.reduce(row, value);
    const col = row.findIndex((x) => x !== 0);
    if (col < 0) return; // dependent (a consistent system stays consistent)
    const inv = inverse(row[col]!, p);
    for (let c = 0; c < this.width; c++) if (row[c] !== 0) row[c] = mod(row[c]! * inv, p);
    value = mod(value * inv, p);
    // Keep the form reduced: clear the new pivot column from the other rows.
    this.rows.forEach((other, i) => {
      const factor = other[col]!;
      if (factor === 0) return;
      for (let c = 0; c < this.width; c++) {
        if (row[c] !== 0) other[c] = mod(other[c]! - factor * row[c]!, p);
      }
      this.values[i] = mod(this.values[i]! - factor * value, p);
    });
    this.pivotRow.set(col, this.rows.length);
    this.rows.push(row);
    this.values.push(value);
  }

  /** The forced value of the target, or undefined when it is not in the row space. */
  solve(target: Float64Array): number | undefined {
    // reduce() computes value − Σ factor·value_i; starting from 0 gives −Σ.
    const value = this.reduce(target, 0);
    return target.every((x) => x === 0) ? mod(-value, this.p) : undefined;
  }
}

const signed = (v: number, p: number) => (v > p / 2 ? v - p : v);

/**
 * Solves the targets against the equations. Returns, per target, the value the equations force,
 * or undefined. Components are found with union–find over the coordinates.
 */
export function forcedValues(
  equations: readonly Equation[],
  targets: readonly Functional[],
): (number | undefined)[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const touch = (x: number) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const { functional } of equations) {
    let first: number | undefined;
    for (const col of functional.keys()) {
      touch(col);
      if (first === undefined) first = col;
      else parent.set(find(col), find(first));
    }
  }
  const members = new Map<number, number[]>();
  for (const col of parent.keys()) {
    const root = find(col);
    const list = members.get(root);
    if (list) list.push(col);
    else members.set(root, [col]);
  }
  const local = new Map<number, number>(); // coordinate → column within its component
  for (const cols of members.values()) cols.forEach((col, i) => local.set(col, i));

  const solvers = PRIMES.map((p) => {
    const echelons = new Map<number, Echelon>();
    for (const [root, cols] of members) echelons.set(root, new Echelon(cols.length, p));
    for (const { functional, value } of equations) {
      if (functional.size === 0) continue;
      const root = find(functional.keys().next().value!);
      const row = new Float64Array(members.get(root)!.length);
      for (const [col, coef] of functional) row[local.get(col)!] = mod(coef, p);
      echelons.get(root)!.add(row, mod(value, p));
    }
    return { p, echelons };
  });

  return targets.map((target) => {
    const results = solvers.map(({ p, echelons }) => {
      // The target splits into one part per component; each part must be forced.
      const parts = new Map<number, Float64Array>();
      for (const [col, coef] of target) {
        if (coef === 0) continue;
        if (!parent.has(col)) return undefined; // a coordinate nothing published touches
        const root = find(col);
        let row = parts.get(root);
        if (!row) {
          row = new Float64Array(members.get(root)!.length);
          parts.set(root, row);
        }
        row[local.get(col)!] = mod(row[local.get(col)!]! + coef, p);
      }
      let total = 0;
      for (const [root, row] of parts) {
        const value = echelons.get(root)!.solve(row);
        if (value === undefined) return undefined;
        total = mod(total + value, p);
      }
      return signed(total, p);
    });
    // Both primes must agree; a disagreement would mean a prime divided a minor.
    return results[0] !== undefined && results[0] === results[1] ? results[0] : undefined;
  });
}
