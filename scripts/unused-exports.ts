/**
 * Exports under src/ that nothing imports: not another source file, a test, a benchmark or a script. An export only its
 * own file uses need not be one (drop `export`; `--local` lists those); one nothing uses at all is dead code and goes.
 * `npm run unused-exports` lists the dead ones, and test/unused-exports.test.ts holds them to none.
 *
 * It reads the project with the TypeScript compiler (tsconfig.json) and follows every import, `export … from`, dynamic
 * `import()` and `import('…').T` type to the declaration it names, so a renamed import still counts. Whole-module uses
 * (`import * as`, `export *`, `import()`) count every export of that module as used.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Modules whose exports are read by something the compiler does not see (bundlers, launchers, HTML pages). */
const ENTRY_POINTS = ['src/cli/main.ts', 'src/cli/check-worker.ts', 'src/taskpane/index.tsx', 'src/preview/main.tsx', 'src/preview/office-shim.ts'];

/**
 * The exports nothing outside their file imports. Without `includeLocal`, only those their own file does not use
 * either (dead code); with it, also those that need not be exported.
 */
export function unusedExports({ root = ROOT, includeLocal = false }: { root?: string; includeLocal?: boolean } = {}): string[] {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram(config.fileNames, config.options);
  const checker = program.getTypeChecker();
  const used = new Set<ts.Symbol>();
  const wholeModules = new Set<ts.Symbol>();

  const target = (symbol: ts.Symbol | undefined): ts.Symbol | undefined => {
    if (!symbol) return undefined;
    return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  };
  const moduleOf = (specifier: ts.Node) => checker.getSymbolAtLocation(specifier);
  const markName = (name: ts.Node) => {
    const symbol = target(checker.getSymbolAtLocation(name));
    if (symbol) used.add(symbol);
  };

  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || relative(root, file.fileName).startsWith('node_modules')) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        if (clause?.name) markName(clause.name);
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
          const m = moduleOf(node.moduleSpecifier);
          if (m) wholeModules.add(m);
        } else if (bindings) for (const element of bindings.elements) markName(element.name);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
        if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) {
          const m = moduleOf(node.moduleSpecifier);
          if (m) wholeModules.add(m);
        } else for (const element of node.exportClause.elements) markName(element.propertyName ?? element.name);
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
        const m = moduleOf(node.arguments[0]);
        if (m) wholeModules.add(m);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        const m = moduleOf(node.argument.literal);
        if (node.qualifier) markName(node.qualifier);
        else if (m) wholeModules.add(m);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  /** Whether an identifier of `file` other than the declaration's own name refers to `symbol`. */
  const usedInFile = (file: ts.SourceFile, symbol: ts.Symbol): boolean => {
    const names = new Set(symbol.declarations?.map((d) => ts.getNameOfDeclaration(d)).filter((n) => n !== undefined));
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(node) && node.text === symbol.getName() && !names.has(node) && checker.getSymbolAtLocation(node) === symbol) found = true;
      else ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
  };

  const unused: string[] = [];
  for (const file of program.getSourceFiles()) {
    const path = relative(root, file.fileName);
    if (!path.startsWith('src/') || ENTRY_POINTS.includes(path)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(file);
    if (!moduleSymbol || wholeModules.has(moduleSymbol)) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      if (used.has(exported) || used.has(target(exported)!)) continue;
      const declaration = exported.declarations?.[0];
      // A re-export (`export { x } from`) is judged where x is declared.
      if (declaration && declaration.getSourceFile() !== file) continue;
      if (declaration && (ts.isExportSpecifier(declaration) || ts.isExportAssignment(declaration))) continue;
      if (!includeLocal && usedInFile(file, exported)) continue;
      const line = declaration ? file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1 : 0;
      unused.push(`${path}:${line} ${exported.getName()}`);
    }
  }
  return unused.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const unused = unusedExports({ includeLocal: process.argv.includes('--local') });
  for (const line of unused) console.log(line);
  console.log(unused.length === 0 ? 'No unused exports under src/.' : `${unused.length} unused exports under src/.`);
  process.exitCode = unused.length === 0 ? 0 : 1;
}
