import { loadModule, parseSync } from 'libpg-query';

/** The parser is WebAssembly: load it once before joinProblems. */
export const loadSqlParser = (): Promise<void> => loadModule();

/**
 * The rules Citus enforces for co-located tables distributed by `org_id`
 * (docs/aggregation.md, "Citus"), checked two ways:
 * - `catalogueProblems`: from pg_catalog, every tenant table's primary key and unique
 *   constraints lead with org_id, and its foreign keys to other tenant tables pair org_id with
 *   org_id (a foreign key to `organizations`, the future reference table, is fine);
 * - `joinProblems`: from the parse tree of a statement (PostgreSQL's own parser, libpg-query),
 *   every join between two tenant tables — JOIN … ON, a FROM list, or a subquery correlated
 *   with an outer tenant table — equates their org_id, directly or through the same value
 *   (one parameter, or one column of a CTE or derived table).
 * Limits: joins are followed through names, not through computed expressions; a CTE or derived
 * table is a relation of its own (its org_id column is compared by name, not traced to the
 * tables inside); statements are only those a workload ran (see the test).
 */

type Node = Record<string, unknown>;

export interface Catalogue {
  /** Tables with an org_id column: distributed by it. */
  tenantTables: Set<string>;
}

/** A relation in a FROM clause, by the name the query uses for it. */
interface Instance {
  alias: string;
  table: string;
}

function unwrap(node: unknown): Node | null {
  if (node === null || typeof node !== 'object') return null;
  const entries = Object.entries(node as Node);
  if (entries.length !== 1 || !/^[A-Z]/.test(entries[0][0])) return node as Node;
  // { A_Expr: { kind: 'AEXPR_OP', … } } → { kind: 'A_Expr', opKind: 'AEXPR_OP', … }
  const { kind, ...fields } = entries[0][1] as Node;
  return { ...fields, kind: entries[0][0], opKind: kind };
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (node: unknown): string => String(((unwrap(node) ?? {}) as { sval?: string }).sval ?? '');

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    const p = this.parent.get(x);
    if (p === undefined || p === x) return x;
    const root = this.find(p);
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    this.parent.set(this.find(a), this.find(b));
  }
}

/** One query level: its tenant relations, all its relation names, and the equalities of its quals. */
interface Block {
  instances: Instance[];
  names: Set<string>;
  equalities: Array<[string, string]>;
  parent: Block | null;
}

export function joinProblems(sql: string, catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const tree = parseSync(sql) as { stmts: Array<{ stmt: unknown }> };

  /** The value a column reference or parameter stands for, as a union-find key. */
  const keyOf = (expr: unknown, block: Block): string | null => {
    const node = unwrap(expr);
    if (!node) return null;
    if (node.kind === 'TypeCast') return keyOf(node.arg, block);
    if (node.kind === 'ParamRef') return `$${String(node.number)}`;
    if (node.kind !== 'ColumnRef') return null;
    const fields = list(node.fields).map(str);
    if (fields.length === 2) {
      for (let b: Block | null = block; b; b = b.parent) if (b.names.has(fields[0])) return `${fields[0]}.${fields[1]}`;
      return `${fields[0]}.${fields[1]}`;
    }
    if (fields.length === 1) {
      // An unqualified column: the block's only tenant relation, else its only relation.
      for (let b: Block | null = block; b; b = b.parent) {
        if (b.instances.length === 1) return `${b.instances[0].alias}.${fields[0]}`;
        if (b.names.size === 1) return `${[...b.names][0]}.${fields[0]}`;
        if (b.names.size > 0) return null;
      }
    }
    return null;
  };

  const collectEqualities = (expr: unknown, block: Block, into: Array<[string, string]>): void => {
    const node = unwrap(expr);
    if (!node) return;
    if (node.kind === 'BoolExpr') {
      if (node.boolop === 'AND_EXPR') for (const arg of list(node.args)) collectEqualities(arg, block, into);
      return;
    }
    if (node.kind === 'A_Expr' && node.opKind === 'AEXPR_OP' && list(node.name).map(str).join('') === '=') {
      const l = keyOf(node.lexpr, block);
      const r = keyOf(node.rexpr, block);
      if (l && r) into.push([l, r]);
    }
  };

  const subqueries = (expr: unknown, into: unknown[]): void => {
    if (expr === null || typeof expr !== 'object') return;
    if (Array.isArray(expr)) return expr.forEach((e) => subqueries(e, into));
    for (const [key, value] of Object.entries(expr as Node)) {
      if (key === 'SubLink') into.push((value as Node).subselect);
      else if (key !== 'SelectStmt') subqueries(value, into);
    }
  };

  const fromItems = (items: unknown[], block: Block, quals: unknown[], nested: Array<{ query: unknown; lateral: boolean }>): void => {
    for (const item of items) {
      const node = unwrap(item);
      if (!node) continue;
      if (node.kind === 'RangeVar') {
        const table = String(node.relname);
        const alias = String(((unwrap(node.alias) ?? {}) as { aliasname?: string }).aliasname ?? table);
        block.names.add(alias);
        if (catalogue.tenantTables.has(table)) block.instances.push({ alias, table });
      } else if (node.kind === 'JoinExpr') {
        fromItems([node.larg, node.rarg], block, quals, nested);
        if (node.quals) quals.push(node.quals);
      } else if (node.kind === 'RangeSubselect') {
        const alias = String(((unwrap(node.alias) ?? {}) as { aliasname?: string }).aliasname ?? '');
        if (alias) block.names.add(alias);
        nested.push({ query: node.subquery, lateral: node.lateral === true });
      } else if (node.kind === 'RangeFunction') {
        const alias = String(((unwrap(node.alias) ?? {}) as { aliasname?: string }).aliasname ?? '');
        if (alias) block.names.add(alias);
      }
    }
  };

  const connected = (block: Block, a: string, b: string): boolean => {
    const uf = new UnionFind();
    for (let x: Block | null = block; x; x = x.parent) for (const [l, r] of x.equalities) uf.union(l, r);
    return uf.find(a) === uf.find(b);
  };

  const visit = (query: unknown, parent: Block | null): void => {
    const node = unwrap(query);
    if (!node) return;
    if (node.kind === 'SelectStmt' && node.op && node.op !== 'SETOP_NONE') {
      visit({ SelectStmt: node.larg }, parent);
      visit({ SelectStmt: node.rarg }, parent);
      return;
    }
    const withClause = unwrap(node.withClause);
    for (const cte of list(withClause?.ctes)) visit((unwrap(cte) as Node).ctequery, parent);
    const block: Block = { instances: [], names: new Set(), equalities: [], parent };
    const quals: unknown[] = [];
    const nested: Array<{ query: unknown; lateral: boolean }> = [];
    if (node.kind === 'UpdateStmt' || node.kind === 'DeleteStmt' || node.kind === 'InsertStmt') fromItems([{ RangeVar: node.relation }], block, quals, nested);
    fromItems([...list(node.fromClause), ...list(node.usingClause)], block, quals, nested);
    if (node.whereClause) quals.push(node.whereClause);
    for (const q of quals) collectEqualities(q, block, block.equalities);
    // Tenant relations of one level, pairwise.
    for (let i = 0; i < block.instances.length; i += 1) {
      for (let k = i + 1; k < block.instances.length; k += 1) {
        const [a, b] = [block.instances[i], block.instances[k]];
        if (!connected(block, `${a.alias}.org_id`, `${b.alias}.org_id`)) problems.push(`${a.table} ${a.alias} and ${b.table} ${b.alias} are joined without org_id`);
      }
    }
    // A correlated subquery (or LATERAL) over a tenant table joins it with the outer ones it names.
    if (parent) {
      const outer: Instance[] = [];
      for (let x: Block | null = parent; x; x = x.parent) outer.push(...x.instances);
      const referenced = new Set(block.equalities.flat().map((k) => k.split('.')[0]));
      for (const inner of block.instances) {
        for (const o of outer) {
          if (!referenced.has(o.alias) || block.names.has(o.alias)) continue;
          if (!connected(block, `${inner.alias}.org_id`, `${o.alias}.org_id`)) problems.push(`${inner.table} ${inner.alias} is correlated with ${o.table} ${o.alias} without org_id`);
        }
      }
    }
    const inner: unknown[] = [];
    subqueries([node.whereClause, node.targetList, node.havingClause, ...quals], inner);
    for (const sub of inner) visit({ SelectStmt: (unwrap(sub) as Node) ?? {} }, block);
    for (const n of nested) visit(n.query, n.lateral ? block : parent);
    if (node.kind === 'InsertStmt' && node.selectStmt) visit(node.selectStmt, parent);
  };

  for (const { stmt } of tree.stmts) visit(stmt, null);
  return [...new Set(problems)];
}

interface Queryable {
  query<R extends object>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** Tables of `schema` with an org_id column. */
export async function tenantTables(db: Queryable, schema: string): Promise<Set<string>> {
  const { rows } = await db.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped
      WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p')`,
    [schema],
  );
  return new Set(rows.map((r) => r.table));
}

/**
 * Catalogue rules for the tables of `schema`: a tenant table (one with org_id, not listed in
 * `global`) has its primary key and every unique constraint or unique index lead with org_id,
 * and its foreign keys pair org_id with org_id first or reference a global table by org_id
 * alone (organizations); a global table references no tenant table; a table without org_id
 * must be listed in `global`.
 */
export async function catalogueProblems(db: Queryable, schema: string, global: Map<string, string>): Promise<string[]> {
  const tenants = await tenantTables(db, schema);
  const problems: string[] = [];
  const { rows: tables } = await db.query<{ table: string }>(
    `SELECT c.relname AS table
       FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`,
    [schema],
  );
  // Global tables with an org_id column (reference tables) are not distributed by it.
  for (const name of global.keys()) tenants.delete(name);
  for (const t of tables) {
    if (!tenants.has(t.table) && !global.has(t.table)) problems.push(`${t.table}: no org_id column and not a known global table`);
  }
  const columns = (rel: string, keys: string) => `ARRAY(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = u.n ORDER BY u.i)`;
  const { rows: keys } = await db.query<{ table: string; name: string; type: string; cols: string[]; ref: string | null; ref_cols: string[] | null }>(
    `SELECT c.relname AS table, k.conname AS name, k.contype AS type, ${columns('k.conrelid', 'k.conkey')} AS cols,
            r.relname AS ref, CASE WHEN k.contype = 'f' THEN ${columns('k.confrelid', 'k.confkey')} END AS ref_cols
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class r ON r.oid = k.confrelid
      WHERE c.relnamespace = $1::regnamespace AND k.contype IN ('p', 'u', 'f')
     UNION ALL
     SELECT c.relname, i.relname, 'i', ${columns('x.indrelid', 'x.indkey::int2[]')}, NULL, NULL
       FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
      WHERE c.relnamespace = $1::regnamespace AND x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`,
    [schema],
  );
  for (const k of keys) {
    if (!tenants.has(k.table)) {
      if (k.type === 'f' && k.ref && tenants.has(k.ref)) problems.push(`${k.table}: foreign key ${k.name} of a global table references tenant table ${k.ref}`);
      continue;
    }
    const list = (cols: string[]) => `(${cols.join(', ')})`;
    if (k.type === 'p' && k.cols[0] !== 'org_id') problems.push(`${k.table}: primary key ${list(k.cols)} does not lead with org_id`);
    if ((k.type === 'u' || k.type === 'i') && k.cols[0] !== 'org_id') problems.push(`${k.table}: unique ${k.name} ${list(k.cols)} does not lead with org_id`);
    if (k.type === 'f' && k.ref) {
      const toTenant = tenants.has(k.ref);
      const paired = toTenant ? k.cols[0] === 'org_id' && k.ref_cols?.[0] === 'org_id' : k.cols.length === 1 && k.cols[0] === 'org_id' && global.has(k.ref);
      if (!paired) problems.push(`${k.table}: foreign key ${k.name} ${list(k.cols)} → ${k.ref} ${list(k.ref_cols ?? [])} does not pair org_id with org_id first`);
    }
  }
  return problems;
}
