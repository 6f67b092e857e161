/**
 * Reads a TypeScript or JavaScript source and lists the external programs it starts: the first
 * argument of every `node:child_process` call, `systemProgram('…')` and `envtestProgram('…')`
 * look-ups, a browser's `executablePath`, the programs a literal `sh -c` script looks up with
 * `command -v`, and zx's `$` templates. Pure (text in, names out), so the declared-programs test can hold every source
 * of the repository against tools/system-prereqs.mjs.
 */
import ts from 'typescript';

/** A program the source starts, with the 1-based line that starts it. */
export interface StartedProgram {
  readonly program: string;
  readonly line: number;
  /** Resolved with `envtestProgram` from the envtest assets (`$KUBEBUILDER_ASSETS`), not from the system. */
  readonly fromEnvtest?: true;
}

/** What one source starts, and the calls whose program cannot be read from the source. */
export interface ProgramsOfSource {
  readonly programs: readonly StartedProgram[];
  /** Calls starting a program chosen at run time: neither a literal nor, through constants and parameters, a `systemProgram` or `envtestProgram` look-up. */
  readonly unresolved: readonly StartedProgram[];
}

const childProcessModules = new Set(['node:child_process', 'child_process']);
const startsAProgram = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync']);
/** These take one shell command line, whose first word is the program. */
const takesACommandLine = new Set(['exec', 'execSync']);
const shells = new Set(['sh', 'bash']);
/** The resolvers that refuse, at run time, any program not declared for them. */
const resolvers = { systemProgram: false, envtestProgram: true } as const;
const isResolver = (callee: string): callee is keyof typeof resolvers => Object.hasOwn(resolvers, callee);

/** A program named in the source, and whether it comes from the envtest assets. */
interface NamedProgram {
  readonly program: string;
  readonly fromEnvtest: boolean;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const firstWord = (commandLine: string) => commandLine.trim().split(/\s+/)[0] ?? '';

function literalText(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

/** The local names under which this file imported the program-starting functions of node:child_process. */
function childProcessBindings(source: ts.SourceFile): Map<string, string> {
  const bindings = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !childProcessModules.has(literalText(statement.moduleSpecifier) ?? '')) continue;
    const named = statement.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named)) continue;
    for (const element of named.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (startsAProgram.has(imported)) bindings.set(element.name.text, imported);
    }
  }
  return bindings;
}

/** `const name = <initializer>` declarations of the file, to follow an identifier to its value. */
function constInitializers(source: ts.SourceFile): Map<string, ts.Expression> {
  const initializers = new Map<string, ts.Expression>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) initializers.set(node.name.text, node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return initializers;
}

export function programsStartedBy(fileName: string, text: string): ProgramsOfSource {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const bindings = childProcessBindings(source);
  const initializers = constInitializers(source);
  const programs: StartedProgram[] = [];
  const dynamic: StartedProgram[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const add = ({ program, fromEnvtest }: NamedProgram, node: ts.Node) =>
    programs.push({ program, line: lineOf(node), ...(fromEnvtest && { fromEnvtest: true as const }) });
  const system = (program: string): NamedProgram => ({ program, fromEnvtest: false });

  // `const run = promisify(execFile)` starts programs like execFile itself.
  for (const [name, initializer] of initializers) {
    if (ts.isCallExpression(initializer) && initializer.expression.getText(source) === 'promisify') {
      const wrapped = initializer.arguments[0];
      if (wrapped && ts.isIdentifier(wrapped) && bindings.has(wrapped.text)) bindings.set(name, bindings.get(wrapped.text)!);
    }
  }

  /**
   * The programs an expression names: one for a literal or a followed constant, the arguments of
   * every call in this file when it is a parameter of a named function; undefined when any of them
   * is chosen at run time.
   */
  const programsOf = (expression: ts.Expression, followed = new Set<string>()): NamedProgram[] | undefined => {
    const parameter = ts.isIdentifier(expression) ? enclosingParameter(expression) : undefined;
    if (parameter === undefined) {
      const program = programOf(expression);
      return program === undefined ? undefined : [program];
    }
    // A parameter passed on as another function's parameter is followed to that function's calls too.
    const key = `${parameter.functionName}#${parameter.index}`;
    if (followed.has(key)) return undefined;
    const calls = callsOf(parameter.functionName);
    const programs = calls.map((call) => (call.arguments[parameter.index] ? programsOf(call.arguments[parameter.index]!, new Set([...followed, key])) : undefined));
    return calls.length > 0 && programs.every((p) => p !== undefined) ? (programs as NamedProgram[][]).flat() : undefined;
  };

  /** The function and position of `identifier` when it names a parameter of the named function around it. */
  const enclosingParameter = (identifier: ts.Identifier): { functionName: string; index: number } | undefined => {
    for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent) {
      if (!ts.isFunctionDeclaration(node) && !ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) continue;
      const index = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === identifier.text);
      if (index < 0) continue;
      const name = ts.isFunctionDeclaration(node) ? node.name?.text : ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : undefined;
      return name === undefined ? undefined : { functionName: name, index };
    }
    return undefined;
  };

  const callsOf = (functionName: string): ts.CallExpression[] => {
    const calls: ts.CallExpression[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && node.expression.getText(source) === functionName) calls.push(node);
      ts.forEachChild(node, visit);
    };
    visit(source);
    return calls;
  };

  /** The program an expression names, or undefined when it is chosen at run time. */
  const programOf = (expression: ts.Expression, seen = new Set<string>()): NamedProgram | undefined => {
    const literal = literalText(expression);
    if (literal !== undefined) return system(baseName(literal));
    if (expression.getText(source) === 'process.execPath') return system('node');
    if (ts.isCallExpression(expression)) {
      const callee = expression.expression.getText(source);
      if (isResolver(callee)) {
        const name = literalText(expression.arguments[0]);
        return name === undefined ? undefined : { program: name, fromEnvtest: resolvers[callee] };
      }
      if (callee === 'join' || callee === 'resolve') {
        const last = literalText(expression.arguments[expression.arguments.length - 1]);
        return last === undefined ? undefined : system(baseName(last));
      }
      return undefined;
    }
    if (ts.isIdentifier(expression) && !seen.has(expression.text)) {
      const initializer = initializers.get(expression.text);
      return initializer ? programOf(initializer, new Set([...seen, expression.text])) : undefined;
    }
    if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
      const object = initializers.get(expression.expression.text);
      if (object && ts.isObjectLiteralExpression(object)) {
        const property = object.properties.find((p) => p.name?.getText(source) === expression.name.text);
        if (property && ts.isPropertyAssignment(property)) return programOf(property.initializer, seen);
      }
    }
    return undefined;
  };

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source);
      const first = node.arguments[0];
      if (isResolver(callee)) {
        const name = literalText(first);
        if (name !== undefined) add({ program: name, fromEnvtest: resolvers[callee] }, node);
      } else if (bindings.has(callee) && first) {
        const commandLine = takesACommandLine.has(bindings.get(callee)!) ? literalText(first) : undefined;
        const programs = commandLine !== undefined ? [system(firstWord(commandLine))] : programsOf(first);
        if (programs === undefined) dynamic.push({ program: first.getText(source), line: lineOf(node) });
        else for (const program of programs) add(program, node);
        if (programs?.some(({ program, fromEnvtest }) => !fromEnvtest && shells.has(program))) {
          for (const script of node.arguments[1] && ts.isArrayLiteralExpression(node.arguments[1]) ? node.arguments[1].elements : []) {
            for (const match of (literalText(script) ?? '').matchAll(/command -v ([\w.+-]+)/g)) add(system(match[1]!), script);
          }
        }
      }
    }
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'executablePath') {
      const program = programOf(node.initializer);
      if (program !== undefined) add(program, node);
    }
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === '$') {
      const head = ts.isNoSubstitutionTemplateLiteral(node.template) ? node.template.text : node.template.head.text;
      if (firstWord(head)) add(system(firstWord(head)), node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { programs, unresolved: dynamic };
}
