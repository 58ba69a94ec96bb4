//! Project-wide analysis: the facts of each file that only matter across
//! files (imports, function definitions, calls inside loops), collected by
//! the engine on the tree it already parsed, then joined after the parallel
//! phase into a [`Project`]: modules, resolved import edges and function
//! summaries, in ordered collections.
//!
//! Invariants: a [`FileIndex`] is owned and small (proportional to the
//! file's imports and functions; no tree, no source); the join is
//! deterministic (sorted by path, whatever the thread schedule) and linear in
//! the number of imports and modules; nothing here recurses over the graph.

pub mod graph;
pub mod performs;
pub mod python;
pub mod rust;
pub mod typescript;

use std::collections::BTreeMap;
use std::path::Path;

use tree_sitter::{Node, Tree};

use crate::diagnostic::{Location, Span};
use crate::lang::handlers::{Framework, ReferenceKind};
use crate::lang::{Family, Language, NodeExt};
use crate::source::SourceFile;
use crate::suppression::Suppression;

/// How an import takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportKind {
    /// Runs when the importing module loads.
    Normal,
    /// Runs only when a function is called (function-level import, dynamic `import()`).
    Lazy,
    /// Erased before run time (`if TYPE_CHECKING:`, `import type`).
    TypeOnly,
}

/// One import as written, before resolution.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ImportFact {
    /// What is imported, in the language's own syntax: a dotted Python module
    /// (leading dots for relative imports), a TS/JS specifier, a Rust path.
    /// (Strings here are boxed, 16 bytes where a `String` takes 24: every
    /// import is kept until the join.)
    pub target: Box<str>,
    /// Python `from m import a, b`: the imported names (`a`, `b`), which may be
    /// submodules. Empty otherwise.
    pub names: Vec<Box<str>>,
    /// Local names the import binds and what each stands for in the target
    /// (`""` for the target itself): `from m import f as g` binds `g` to `f`.
    pub bindings: Vec<(Box<str>, Box<str>)>,
    /// Rust: the inline modules (`mod x { ... }`) the import sits in.
    pub scope: Vec<Box<str>>,
    pub kind: ImportKind,
    /// Where it is written, in the file whose facts hold it. (A finding's
    /// source line and fingerprint are read back from the file after the
    /// join, see `rules::run_project_checks`.)
    pub span: Span,
}

/// What a function does that matters to callers in other modules. Filled by
/// language knowledge that recognises queries, connections and HTTP calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Performs {
    pub data_access: bool,
    /// Whether the query it runs (see [`FunctionFact::query`]) is raw SQL
    /// rather than an ORM call.
    pub raw_sql: bool,
    pub opens_connection: bool,
    pub outbound_http: bool,
}

/// A function or method defined in a file.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FunctionFact {
    /// The name callers use (`items_for`; methods as `Class.method`).
    /// (Strings here are boxed: every function is kept until the join.)
    pub name: Box<str>,
    /// Where it is defined, in the file whose facts hold it.
    pub span: Span,
    pub performs: Performs,
    /// When it performs data access: the query call it ends up running
    /// (here or in a function it calls) and that call's API. (Boxed: most
    /// functions run none, and every function is kept until the join.)
    pub query: Option<Box<(Location, String)>>,
    /// Whether it answers from memory before it queries (a cache-fronted
    /// loader, `lang::db::memoized`): called per item, it queries once per
    /// distinct key.
    pub memoized: bool,
    /// Calls to imported names made in its body, as written (deduplicated).
    pub calls: Vec<Box<str>>,
    /// The shape of its body, when a rule judges handlers routed from
    /// another file (`fat-handler`) and the body is not trivial (boxed:
    /// most functions have none).
    pub shape: Option<Box<crate::lang::handlers::shape::Counts>>,
    /// What few functions' bodies hold, each read by one or two rules
    /// (panics, connections, model calls, digests, token checks, guarded
    /// calls): behind one pointer, made on first write, since every
    /// function is kept until the join and most have none of it.
    pub extras: Option<Box<FunctionExtras>>,
}

/// The rarer facts of a function (see [`FunctionFact::extras`]).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FunctionExtras {
    /// Where its body panics on an ordinary failure, and what panics (Rust,
    /// when a rule judges handlers routed from another file).
    pub panics: Vec<(Location, String)>,
    /// Where its body opens a database connection or builds a pool: the
    /// call, the callee as written, and what it opens (when a rule judges
    /// handlers routed from another file).
    pub opens: Vec<(Location, String, crate::lang::handlers::connections::Opens)>,
    /// Calls in its body of a query method on an imported name
    /// (`User.findOne(..)`), with where they are: data access when the name
    /// is a model of the module it comes from (resolved in the join).
    pub model_calls: Vec<(Location, String)>,
    /// When it hashes one of its parameters with a fast digest (a wrapper:
    /// `def digest(value): return md5(value.encode()).hexdigest()`), which
    /// and where (when a rule follows passwords into wrappers).
    pub digests: Option<DigestFact>,
    /// Whether its body checks a token's signature itself (`jwt.verify`;
    /// filled when a rule follows tokens into wrappers).
    pub verifies_token: bool,
    /// The calls it makes only when an option it was handed is set, and
    /// the option its queries wait for (TypeScript).
    pub guarded: Option<GuardedCalls>,
}

/// Calls a function makes only in the branch of `if (options.primaryKeys)`
/// on one of its parameters (`lang::typescript::option_guard`).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct GuardedCalls {
    /// Each such call: the callee as written (as in [`FunctionFact::calls`];
    /// one it also makes elsewhere is not listed), the parameter's position
    /// and the option's name.
    pub calls: Vec<(String, usize, String)>,
    /// Set in the join (`performs::propagate`): when every query the
    /// function reaches runs through such calls, all waiting for the same
    /// option, that parameter and option. A caller that hands an object
    /// literal without it runs no query.
    pub query: Option<(usize, String)>,
}

/// A fast digest of a function's parameter.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct DigestFact {
    /// The parameter's position among those a caller passes.
    pub parameter: usize,
    /// The digest call.
    pub location: Location,
    /// The digest's display name (`MD5`) and the callee as written.
    pub algorithm: String,
    pub callee: String,
}

/// An unverified JWT decode of a function's parameter, whose claims the
/// function returns: a decode wrapper (`lang::crypto::returned_decode_of_parameter`).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct DecodeFact {
    /// The wrapper's index in [`FileIndex::functions`]; `None` for a
    /// function the index does not name (an anonymous callback), which no
    /// caller can reach.
    pub function: Option<usize>,
    /// The parameter's position among those a caller passes.
    pub parameter: usize,
    /// The decode call, and the callee as written (`jwt.decode`).
    pub location: Location,
    pub callee: String,
    /// The setting that turns the check off, when one does
    /// (`options={"verify_signature": False}`), and where it is.
    pub setting: Option<(Location, String)>,
}

/// A call that passes a token (by its name: `token`, `req.headers.authorization`)
/// as an argument, to be matched in the join with the function it calls.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct TokenCall {
    /// The enclosing function's index in [`FileIndex::functions`], if any.
    pub caller: Option<usize>,
    /// The callee as written (`auth.read_claims`, `decodeToken`).
    pub callee: String,
    /// The argument's position, and the argument as written.
    pub argument: usize,
    pub token: String,
    pub location: Location,
}

/// A call that passes a password (by its name: `password`, `form.pwd`) as
/// an argument, to be matched in the join with the function it calls.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PasswordCall {
    /// The callee as written (`security.digest`, `hash_value`).
    pub callee: String,
    /// The argument's position, and the password's name.
    pub argument: usize,
    pub password: String,
    pub location: Location,
}

impl FunctionFact {
    /// Records that the function calls `callee`, once.
    pub fn add_call(&mut self, callee: &str) {
        if !self.calls.iter().any(|c| **c == *callee) {
            self.calls.push(callee.into());
        }
    }

    /// A function as first found, before anything is known of what it does.
    pub fn new(name: String, span: Span) -> FunctionFact {
        FunctionFact {
            name: name.into(),
            span,
            performs: Performs::default(),
            query: None,
            memoized: false,
            calls: Vec::new(),
            shape: None,
            extras: None,
        }
    }

    /// Its rarer facts, made on first write.
    pub fn extras_mut(&mut self) -> &mut FunctionExtras {
        self.extras.get_or_insert_default()
    }

    pub fn panics(&self) -> &[(Location, String)] {
        self.extras.as_deref().map_or(&[], |e| &e.panics)
    }

    pub fn opens(&self) -> &[(Location, String, crate::lang::handlers::connections::Opens)] {
        self.extras.as_deref().map_or(&[], |e| &e.opens)
    }

    pub fn model_calls(&self) -> &[(Location, String)] {
        self.extras.as_deref().map_or(&[], |e| &e.model_calls)
    }

    pub fn digests(&self) -> Option<&DigestFact> {
        self.extras.as_deref().and_then(|e| e.digests.as_ref())
    }

    pub fn verifies_token(&self) -> bool {
        self.extras.as_deref().is_some_and(|e| e.verifies_token)
    }

    pub fn guarded(&self) -> Option<&GuardedCalls> {
        self.extras.as_deref().and_then(|e| e.guarded.as_ref())
    }
}

/// A call inside the body of a loop.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct LoopCall {
    /// The enclosing function's index in [`FileIndex::functions`], if any.
    pub caller: Option<usize>,
    /// The callee as written (`users.items_for`, `repo::load`).
    pub callee: String,
    pub location: Location,
    /// The loop header (`for`/`while` keyword to the end of the header line).
    pub loop_location: Location,
    /// Whether the file-level `query-in-loop` check already covers the call
    /// (a data-access call, or a call to a querying function of the file).
    pub data_access: bool,
    /// Its arguments written as object literals with known keys (position
    /// and keys; TypeScript), to tell which options it hands the callee.
    pub options: Vec<(usize, Vec<String>)>,
}

/// A route registered with a handler defined in another module
/// (`router.post("/login", auth.login)` with `auth = require("./auth")`).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RouteFact {
    pub framework: crate::lang::handlers::Framework,
    pub methods: Vec<String>,
    pub route: Option<String>,
    /// The handler as written (`auth.login`), resolved like a call.
    pub callee: String,
    /// The registration call.
    pub location: Location,
    /// A handler, a mounted router, a DRF viewset or a global prefix.
    pub kind: ReferenceKind,
}

impl RouteFact {
    /// `POST /login`, `ANY ?`: what the route answers, for messages.
    pub fn describe(&self) -> String {
        crate::lang::handlers::describe(&self.methods, self.route.as_deref())
    }
}

/// A route handler the file itself shows (see `lang::handlers::Handler`).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct HandlerFact {
    pub framework: crate::lang::handlers::Framework,
    pub methods: Vec<String>,
    pub route: Option<String>,
    pub name: String,
    /// 1-based line of the function's name (of an inline function's start).
    pub name_line: u32,
    /// The function node's span (the same as its [`FunctionFact`]'s, when it has one).
    pub function: Location,
    /// For an inline handler, which the index keeps no [`FunctionFact`]
    /// for: what its body performs (filled for `backlint flow` only).
    pub body: Option<Box<FunctionFact>>,
}

/// A Rust `mod name;` declaration (inline `mod name { ... }` blocks are
/// recorded too, with `inline` set, so that nested declarations resolve).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ModDecl {
    /// Inline modules around the declaration.
    pub scope: Vec<String>,
    pub name: String,
    /// The `#[path = "..."]` attribute's value.
    pub path_attr: Option<String>,
    pub inline: bool,
}

/// The project facts of one file.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FileIndex {
    /// Path relative to the scan root, `/`-separated.
    pub path: std::sync::Arc<str>,
    pub language: Language,
    pub imports: Vec<ImportFact>,
    pub functions: Vec<FunctionFact>,
    pub loop_calls: Vec<LoopCall>,
    /// The facts most files have none of (routes, handlers, models, `mod`
    /// declarations, suppressions), behind one pointer: 8 bytes a file
    /// instead of 144. Read through [`FileIndex::routes`] and the like.
    pub rare: Option<Box<RareFacts>>,
    /// The calls into wrappers that rules follow (passwords and tokens), and
    /// the file's decode wrappers: few files have any, so they are kept
    /// behind one pointer (8 bytes a file instead of 72).
    pub wrapped: Option<Box<WrapperFacts>>,
}

/// The facts of a file that most files have none of (see [`FileIndex::rare`]).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct RareFacts {
    pub mods: Vec<ModDecl>,
    /// Routes the file registers with handlers of other modules.
    pub routes: Vec<RouteFact>,
    /// The file's own route handlers (filled only for `backlint flow`).
    pub handlers: Vec<HandlerFact>,
    /// The file's suppression comments, with what the file's own findings used.
    pub suppressions: Vec<Suppression>,
    /// The column of each suppression's marker (for unused-suppression notes).
    pub suppression_columns: Vec<u32>,
    /// The ORM models and repositories the file binds at module level
    /// (`Db::model_names`): a call of another module to one of their query
    /// methods is data access.
    pub models: Vec<String>,
    /// The application tables the file's SQL statements read or write
    /// (`lang::db::sql_text::tables_named`; schema statements aside) or its
    /// ORM models declare (`lang::db::declared_tables`), sorted.
    pub tables: Vec<Box<str>>,
    /// Whether every SQL statement of the file writes a table and the file
    /// serves no route: a module that may be the store of its tables.
    pub writes_only: bool,
    /// Loops over a parameter of one of the file's functions (`for spec in
    /// specs`): callers that always hand a written-out collection make
    /// them run a fixed handful of times.
    pub parameter_loops: Vec<ParameterLoop>,
    /// For each callee the file calls (as written) handing a written-out
    /// collection (`&[..]`, `vec![..]`, `[..]`) in every call: the argument
    /// positions that are such in all its calls, as bits. The file's own
    /// functions with parameter loops are listed whatever they are handed
    /// (0: not always a written-out collection).
    pub literal_arguments: Vec<(String, u32)>,
}

/// A loop over a parameter of a function of the file.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ParameterLoop {
    /// The function's index in [`FileIndex::functions`], and the parameter's
    /// position among those a caller passes.
    pub function: usize,
    pub parameter: usize,
    /// Where the loop starts (byte offset in the file).
    pub start: usize,
}

/// What a file passes into wrappers, and the wrappers it defines (see
/// [`FileIndex::wrapped`]).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct WrapperFacts {
    /// Calls that pass a password as an argument (when a rule follows
    /// passwords into wrappers).
    pub password_calls: Vec<PasswordCall>,
    /// The file's decode wrappers and the calls that pass a token as an
    /// argument (when a rule follows tokens into wrappers).
    pub decode_wrappers: Vec<DecodeFact>,
    pub token_calls: Vec<TokenCall>,
}

impl FileIndex {
    /// The file's rare facts, made on first write.
    pub fn rare_mut(&mut self) -> &mut RareFacts {
        self.rare.get_or_insert_default()
    }

    /// The file's rare facts (empty when it has none).
    pub fn rare(&self) -> &RareFacts {
        static NONE: RareFacts = RareFacts {
            mods: Vec::new(),
            routes: Vec::new(),
            handlers: Vec::new(),
            suppressions: Vec::new(),
            suppression_columns: Vec::new(),
            models: Vec::new(),
            tables: Vec::new(),
            writes_only: false,
            parameter_loops: Vec::new(),
            literal_arguments: Vec::new(),
        };
        self.rare.as_deref().unwrap_or(&NONE)
    }

    /// What the file passes into wrappers and the wrappers it defines
    /// (empty when it has none).
    pub fn wrapped(&self) -> &WrapperFacts {
        static NONE: WrapperFacts =
            WrapperFacts { password_calls: Vec::new(), decode_wrappers: Vec::new(), token_calls: Vec::new() };
        self.wrapped.as_deref().unwrap_or(&NONE)
    }

    /// Gives back the spare capacity of every vector, nested ones
    /// included: a file's facts are kept until the join, and a vector
    /// that grew by pushes holds room for four facts when most files have
    /// one.
    pub fn shrink_to_fit(&mut self) {
        for import in &mut self.imports {
            import.names.shrink_to_fit();
            import.bindings.shrink_to_fit();
            import.scope.shrink_to_fit();
        }
        for function in &mut self.functions {
            function.calls.shrink_to_fit();
            if let Some(extras) = &mut function.extras {
                extras.panics.shrink_to_fit();
                extras.opens.shrink_to_fit();
                extras.model_calls.shrink_to_fit();
            }
        }
        if let Some(rare) = &mut self.rare {
            for decl in &mut rare.mods {
                decl.scope.shrink_to_fit();
            }
            rare.mods.shrink_to_fit();
            rare.routes.shrink_to_fit();
            rare.handlers.shrink_to_fit();
            rare.suppressions.shrink_to_fit();
            rare.suppression_columns.shrink_to_fit();
            rare.models.shrink_to_fit();
            rare.tables.shrink_to_fit();
        }
        self.imports.shrink_to_fit();
        self.functions.shrink_to_fit();
        self.loop_calls.shrink_to_fit();
        if let Some(wrapped) = &mut self.wrapped {
            wrapped.password_calls.shrink_to_fit();
            wrapped.decode_wrappers.shrink_to_fit();
            wrapped.token_calls.shrink_to_fit();
        }
    }
}

/// The node kinds the index reads, per family. The engine takes them from the
/// file's shared node index, so the index costs no walk of its own.
pub fn index_kinds(family: Family) -> Vec<&'static str> {
    let kinds = match family {
        Family::Python => python::KINDS,
        Family::TypeScript => typescript::KINDS,
        Family::Rust => rust::KINDS,
    };
    kinds.iter().map(|(kind, _)| *kind).collect()
}

/// The node kinds to index in a front-end file: [`index_kinds`] without
/// loops, whose calls only server rules judge (imports, `require` inside
/// functions included, are still read).
pub fn browser_index_kinds(family: Family) -> Vec<&'static str> {
    match family {
        Family::TypeScript => {
            typescript::KINDS.iter().filter(|(_, tag)| *tag != typescript::LOOP).map(|(kind, _)| *kind).collect()
        }
        _ => index_kinds(family),
    }
}

/// Collects a file's project facts from its nodes of [`index_kinds`] (in
/// document order), or, without them, from a walk of the tree.
pub fn extract(file: &SourceFile, tree: &Tree, nodes: Option<Vec<Node<'_>>>) -> FileIndex {
    let index = crate::lang::NodeIndex::build(file.language, tree);
    let nodes = nodes.unwrap_or_else(|| crate::lang::descendants(tree.root_node()).collect());
    extract_with(file, &index, nodes, &crate::lang::db::FileFunctions::default())
}

/// [`extract`], asking the file's shared [`FileFunctions`](crate::lang::db::FileFunctions)
/// (the one the rules' `Db` fills), so that the file's functions are listed once.
pub fn extract_with<'t>(
    file: &SourceFile,
    node_index: &crate::lang::NodeIndex<'t>,
    nodes: Vec<Node<'t>>,
    functions: &crate::lang::db::FileFunctions<'t>,
) -> FileIndex {
    let mut index = FileIndex {
        path: file.path.clone(),
        language: file.language,
        imports: Vec::new(),
        functions: Vec::new(),
        loop_calls: Vec::new(),
        rare: None,
        wrapped: None,
    };
    match file.language.family() {
        Family::Python => python::extract(&nodes, node_index, file, &mut index, functions),
        Family::TypeScript => typescript::extract(&nodes, node_index, file, &mut index, functions),
        Family::Rust => rust::extract(&nodes, node_index, file, &mut index, functions),
    }
    index
}

/// An import fact at `node`.
pub(crate) fn import_at(file: &SourceFile, node: Node<'_>, target: String, kind: ImportKind) -> ImportFact {
    ImportFact {
        target: target.into(),
        names: Vec::new(),
        bindings: Vec::new(),
        scope: Vec::new(),
        kind,
        span: file.node_span(node),
    }
}

/// The location of a loop's header: from its keyword to the end of that line.
pub(crate) fn header_location(file: &SourceFile, node: Node<'_>) -> Location {
    let start = node.start_byte();
    let line = file.line_of(start);
    let end = (file.line_start(line) + file.line_text(line).len()).max(start).min(node.end_byte());
    file.location(start..end)
}

/// A module of the project: one file.
#[derive(Clone, Debug)]
pub struct Module {
    /// The name the language uses (`app.services.users`, `src/api/users`,
    /// `shop::orders`: a Rust module's crate, then its path in the crate).
    pub name: Box<str>,
    /// Index of the file in [`Project::files`].
    file: u32,
    /// The language family of the file, which names modules its own way.
    family: Family,
}

impl Module {
    /// Index of the file in [`Project::files`].
    pub fn file(&self) -> usize {
        self.file as usize
    }

    /// Separator of the name's segments (`.`, `/`, `::`).
    pub fn separator(&self) -> &'static str {
        Module::separator_of(self.family)
    }

    fn separator_of(family: Family) -> &'static str {
        match family {
            Family::Python => ".",
            Family::TypeScript => "/",
            Family::Rust => "::",
        }
    }

    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.name.split(self.separator())
    }

    /// Whether it is a Rust module (named by its crate and path).
    pub fn is_rust(&self) -> bool {
        self.family == Family::Rust
    }
}

/// A resolved import: from one module to another, through one import fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    from: u32,
    to: u32,
    /// The import: (file index, import index in that file).
    import: (u32, u32),
    pub kind: ImportKind,
}

/// The module of each file, when it is one (4 bytes a file).
#[derive(Clone, Debug, Default)]
pub struct ModuleOfFile(Vec<u32>);

impl ModuleOfFile {
    /// Marks a file that is no module.
    const NONE: u32 = u32::MAX;

    fn new(files: usize) -> ModuleOfFile {
        ModuleOfFile(vec![Self::NONE; files])
    }

    fn set(&mut self, file: usize, module: usize) {
        self.0[file] = narrow(module);
    }

    /// The module of `file`, if it is one.
    pub fn get(&self, file: usize) -> Option<usize> {
        Some(self.0[file]).filter(|&m| m != Self::NONE).map(|m| m as usize)
    }
}

/// An index of the project's tables, stored in 32 bits (the tables are
/// kept for the whole join, one entry per file, import or function).
fn narrow(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 files, imports and functions")
}

impl Edge {
    /// The edge from module `from` to module `to` through the import
    /// `import` (file index, import index in that file).
    pub fn new(from: usize, to: usize, import: (usize, usize), kind: ImportKind) -> Edge {
        Edge { from: narrow(from), to: narrow(to), import: (narrow(import.0), narrow(import.1)), kind }
    }

    /// The importing module.
    pub fn from(&self) -> usize {
        self.from as usize
    }

    /// The imported module.
    pub fn to(&self) -> usize {
        self.to as usize
    }

    /// The import: (file index, import index in that file).
    pub fn import(&self) -> (usize, usize) {
        (self.import.0 as usize, self.import.1 as usize)
    }
}

/// The joined project: files (sorted by path), modules (sorted by name), resolved edges
/// (sorted) and function summaries keyed by (module, function name).
#[derive(Clone, Debug, Default)]
pub struct Project {
    pub files: Vec<FileIndex>,
    pub modules: Vec<Module>,
    /// Module index of each file, if it is a module.
    pub module_of_file: ModuleOfFile,
    pub edges: Vec<Edge>,
    /// (file, import index, the first edge it resolved to), sorted: looked
    /// up by [`Project::first_edge_of_import`] (12 bytes an import, where a
    /// map took three to four times that).
    edge_of_import: Vec<(u32, u32, u32)>,
    /// The functions of the modules, as (module, file, function index),
    /// sorted by module and name, the first of namesakes in a module only.
    /// Looked up by [`Project::defined`] (a binary search that reads the
    /// names from the files' facts, not copies of them).
    functions: Vec<(u32, u32, u32)>,
    /// (module, name) -> file, for the ORM models and repositories files bind
    /// at module level ([`FileIndex::models`]). Only looked up.
    pub models: std::collections::HashMap<(usize, String), usize>,
    /// (file, route index) -> (module, function) for Rust routes that name a
    /// handler by a path the file's imports do not bind.
    pub route_targets: BTreeMap<(usize, usize), (usize, String)>,
    /// Per file, the prefix its routes are served under when it is a router
    /// mounted elsewhere (`app.use("/api", require("./routes/api"))`): the
    /// prefixes of every mount on the way, joined; empty when unknown. (No
    /// entry at all when no router is mounted anywhere.)
    pub route_prefixes: Vec<String>,
    /// The NestJS global prefix (`app.setGlobalPrefix("api")`), when the
    /// project sets exactly one.
    pub global_prefix: Option<String>,
    /// (module, class) of each DRF viewset a router registers -> its full
    /// route prefix; `None` when it is registered more than once.
    pub viewset_prefixes: BTreeMap<(usize, String), Option<String>>,
    /// Django class-based views routed from another module's `urls.py`,
    /// by (module, class): their full route, `None` when routed twice.
    pub class_view_routes: BTreeMap<(usize, String), Option<String>>,
}

/// Mounted routers nest at most this deep.
const MAX_MOUNT_DEPTH: usize = 8;

/// The route prefix of each file (see [`Project::route_prefixes`]): a module
/// mounted in exactly one way gets that mount's prefix after its mounting
/// file's own; one mounted under several prefixes gets none.
fn route_prefixes(
    files: &[FileIndex],
    module_of_file: &ModuleOfFile,
    mounted: &BTreeMap<usize, Vec<(usize, String)>>,
) -> Vec<String> {
    if mounted.is_empty() {
        return Vec::new();
    }
    let prefix_of = |mut file: usize| {
        let mut parts = Vec::new();
        for _ in 0..MAX_MOUNT_DEPTH {
            let Some(mounts) = module_of_file.get(file).and_then(|m| mounted.get(&m)) else { break };
            let [(by, prefix)] = mounts.as_slice() else { return String::new() };
            parts.push(prefix.as_str());
            if *by == file {
                break;
            }
            file = *by;
        }
        parts.reverse();
        // One `/` between the prefixes, whatever each is written with
        // (Express `/api` and `/v1`, Django `api/` and `v1/`); a leading `/`
        // as the outermost has it, and a trailing one as the innermost has
        // it (Django's `path("", view)` under `v1/` serves `api/v1/`).
        let joined: Vec<&str> = parts.iter().map(|p| p.trim_matches('/')).filter(|p| !p.is_empty()).collect();
        if joined.is_empty() {
            return String::new();
        }
        let lead = if parts.first().is_some_and(|p| p.starts_with('/')) { "/" } else { "" };
        let trail = if parts.last().is_some_and(|p| p.ends_with('/')) { "/" } else { "" };
        format!("{lead}{}{trail}", joined.join("/"))
    };
    (0..files.len()).map(prefix_of).collect()
}

impl Project {
    /// Joins the files' facts. `root` is the scan root (tsconfig.json and
    /// Cargo.toml files are read below it).
    pub fn build(root: &Path, mut files: Vec<FileIndex>) -> Project {
        // The sorts here are unstable: equal elements are equal in every
        // field (paths are unique), so the order is the same, and a stable
        // sort of every file's facts would take a scratch buffer of half of
        // them (12 MB for 100,000 files) where these take none. The scan
        // hands the files over sorted already.
        files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        let mut named: Vec<(Box<str>, usize)> = Vec::with_capacity(files.len());
        let python = python::Resolver::new(&files);
        let typescript = typescript::Resolver::new(root, &files);
        let rust = rust::Resolver::new(root, &files);
        for (i, file) in files.iter().enumerate() {
            match file.language.family() {
                Family::Python => {
                    if let Some(name) = python.module_name(i) {
                        named.push((name.into(), i));
                    }
                }
                Family::TypeScript => named.push((typescript::module_name(&file.path).into(), i)),
                Family::Rust => {
                    if let Some(name) = rust.module_name(i) {
                        named.push((name.into(), i));
                    }
                }
            }
        }
        // Of namesakes (a name two languages give), the one whose separator
        // sorts first, then the first file, is the module.
        let separator = |file: usize| Module::separator_of(files[file].language.family());
        named.sort_unstable_by(|a, b| (&a.0, separator(a.1), a.1).cmp(&(&b.0, separator(b.1), b.1)));
        named.dedup_by(|a, b| a.0 == b.0);
        let mut module_of_file = ModuleOfFile::new(files.len());
        let modules: Vec<Module> = named
            .into_iter()
            .enumerate()
            .map(|(m, (name, file))| {
                module_of_file.set(file, m);
                Module { name, file: narrow(file), family: files[file].language.family() }
            })
            .collect();
        let mut edges = Vec::new();
        for (i, file) in files.iter().enumerate() {
            let Some(from) = module_of_file.get(i) else { continue };
            for (j, import) in file.imports.iter().enumerate() {
                let targets = match file.language.family() {
                    Family::Python => python.resolve(i, import),
                    Family::TypeScript => typescript.resolve(&file.path, &import.target),
                    Family::Rust => rust.resolve(i, import),
                };
                for target in targets {
                    if let Some(to) = module_of_file.get(target)
                        && to != from
                    {
                        edges.push(Edge::new(from, to, (i, j), import.kind));
                    }
                }
            }
        }
        edges.sort_unstable();
        edges.dedup_by(|a, b| a.from == b.from && a.to == b.to && a.import == b.import);
        let mut edge_of_import: Vec<(u32, u32, u32)> =
            edges.iter().enumerate().map(|(e, edge)| (edge.import.0, edge.import.1, narrow(e))).collect();
        edge_of_import.sort_unstable();
        edge_of_import.dedup_by_key(|&mut (file, j, _)| (file, j));
        let mut functions = Vec::with_capacity(files.iter().map(|f| f.functions.len()).sum());
        for (i, file) in files.iter().enumerate() {
            if let Some(m) = module_of_file.get(i) {
                functions.extend((0..file.functions.len()).map(|k| (narrow(m), narrow(i), narrow(k))));
            }
        }
        // A module is one file: the first of namesakes is the one of lowest index.
        let key = |&(m, i, k): &(u32, u32, u32)| (m, &*files[i as usize].functions[k as usize].name, k);
        functions.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        functions.dedup_by(|later, first| key(later).0 == key(first).0 && key(later).1 == key(first).1);
        // Rust routes name handlers by path (`handlers::orders::create`, with
        // `mod handlers;` and no `use`): resolved like an import path, to the
        // module that holds the function.
        let mut route_targets = BTreeMap::new();
        for (i, file) in files.iter().enumerate() {
            if file.language.family() != Family::Rust {
                continue;
            }
            for (r, route) in file.rare().routes.iter().enumerate() {
                let Some((_, function)) = route.callee.rsplit_once("::") else { continue };
                let path = ImportFact {
                    target: route.callee.as_str().into(),
                    names: Vec::new(),
                    bindings: Vec::new(),
                    scope: Vec::new(),
                    kind: ImportKind::Normal,
                    span: Span::of(&route.location),
                };
                if let Some(module) = rust.resolve(i, &path).into_iter().find_map(|target| module_of_file.get(target)) {
                    route_targets.insert((i, r), (module, function.to_string()));
                }
            }
        }
        let mut models = std::collections::HashMap::new();
        for (i, file) in files.iter().enumerate() {
            if let Some(m) = module_of_file.get(i) {
                for name in &file.rare().models {
                    models.entry((m, name.clone())).or_insert(i);
                }
            }
        }
        let mut project = Project {
            files,
            modules,
            module_of_file,
            edges,
            edge_of_import,
            functions,
            models,
            route_targets,
            route_prefixes: Vec::new(),
            global_prefix: None,
            viewset_prefixes: BTreeMap::new(),
            class_view_routes: BTreeMap::new(),
        };
        let mounted = project.mounted_routers(&typescript);
        project.route_prefixes = route_prefixes(&project.files, &project.module_of_file, &mounted);
        project.global_prefix = project.global_prefix();
        project.viewset_prefixes = project.references_by_class(ReferenceKind::ViewSet);
        project.class_view_routes = project.references_by_class(ReferenceKind::ClassView);
        performs::propagate(&mut project);
        project
    }

    /// The function `name` defined in `module` (the first of namesakes), as
    /// (file, function index).
    pub fn defined(&self, module: usize, name: &str) -> Option<(usize, usize)> {
        let found = self
            .functions
            .binary_search_by(|&(m, i, k)| {
                (m as usize, &*self.files[i as usize].functions[k as usize].name).cmp(&(module, name))
            })
            .ok()?;
        let (_, file, k) = self.functions[found];
        Some((file as usize, k as usize))
    }

    /// The function `name` of `module`: defined there, or, when the module is
    /// a barrel (`index.ts`/`index.js`, `__init__.py`, `mod.rs`) that does
    /// not define it, the one function of that name among the modules the
    /// barrel imports (its re-exports: `export { show } from "./users"`,
    /// `from .views import order_list`). Several namesakes resolve to none.
    pub fn function(&self, module: usize, name: &str) -> Option<(usize, usize)> {
        if let Some(found) = self.defined(module, name) {
            return Some(found);
        }
        self.through_barrel(module, |to| self.defined(to, name))
    }

    /// When `module` is a barrel (`index.ts`/`index.js`, `__init__.py`,
    /// `mod.rs`): the one answer of `find` among the modules it imports
    /// (its re-exports). Several different answers are none.
    fn through_barrel<T: PartialEq>(&self, module: usize, find: impl Fn(usize) -> Option<T>) -> Option<T> {
        let path = self.path_of(module);
        let file_name = path.rsplit('/').next().unwrap_or(path);
        let barrel = file_name.starts_with("index.") || file_name == "__init__.py" || file_name == "mod.rs";
        if !barrel {
            return None;
        }
        let from = self.edges.partition_point(|e| e.from() < module);
        let mut found = None;
        for edge in self.edges[from..].iter().take_while(|e| e.from() == module) {
            if let Some(candidate) = find(edge.to()) {
                if found.as_ref().is_some_and(|f| *f != candidate) {
                    return None;
                }
                found = Some(candidate);
            }
        }
        found
    }

    /// A route of `file` as it is served, its router's mount prefix joined
    /// (`/users` of a router mounted at `/api` is `/api/users`).
    pub fn full_route(&self, file: usize, route: Option<&str>) -> Option<String> {
        let prefix = self.route_prefixes.get(file).map_or("", String::as_str);
        let route = route?;
        if prefix.is_empty() {
            return Some(route.to_string());
        }
        // A regex pattern under a regex prefix: `^api/` then `^orders/$`.
        Some(crate::lang::handlers::join_route(prefix, route.strip_prefix('^').unwrap_or(route)))
    }

    /// The full route of a handler `file` defines itself: its route after the
    /// prefix the file is mounted under, and for a NestJS controller after
    /// the application's global prefix (`app.setGlobalPrefix("api")`, when
    /// the project sets one prefix).
    pub fn handler_route(&self, file: usize, handler: &HandlerFact) -> Option<String> {
        // A class routed from another module: a DRF viewset a router
        // registers, or a class-based view `urls.py` routes with `as_view()`.
        if handler.route.is_none()
            && matches!(handler.framework, Framework::Django | Framework::DjangoRest)
            && let Some((class, action)) = handler.name.split_once('.')
            && let Some(module) = self.module_of_file.get(file)
        {
            let class = (module, class.to_string());
            if handler.framework == Framework::DjangoRest
                && let Some(prefix) = self.viewset_prefixes.get(&class)
            {
                return crate::lang::handlers::viewset_action_route(prefix.as_deref()?, action);
            }
            return self.class_view_routes.get(&class)?.clone();
        }
        let route = self.full_route(file, handler.route.as_deref())?;
        match &self.global_prefix {
            Some(prefix) if handler.framework == Framework::NestJs => {
                Some(crate::lang::handlers::join_route(prefix, &route))
            }
            _ => Some(route),
        }
    }

    /// `GET /api/users`: what the `r`-th route of `file` answers, prefix joined.
    pub fn describe_route(&self, file: usize, r: usize) -> String {
        let route = &self.files[file].rare().routes[r];
        crate::lang::handlers::describe(&route.methods, self.full_route(file, route.route.as_deref()).as_deref())
    }

    /// The module and function the `r`-th route of `file` names: through the
    /// file's imports like a call (see [`Project::resolve_callee`]), or, in
    /// Rust, as a path from the file's module.
    pub fn resolve_route(&self, file: usize, r: usize) -> Option<(usize, String)> {
        let route = &self.files[file].rare().routes[r];
        if route.kind != ReferenceKind::Handler {
            return None;
        }
        // A factory call (`login()`): the function its definition returns, named `login()`.
        if let Some(factory) = route.callee.strip_suffix("()") {
            let (module, name) = self.resolve_callee(file, factory)?;
            return Some((module, format!("{name}()")));
        }
        self.resolve_callee(file, &route.callee).or_else(|| self.route_targets.get(&(file, r)).cloned())
    }

    /// Every route registered with a handler of another module, resolved to
    /// the function that serves it: (registering file, route, file of the
    /// function, function), each function once, in file order. Handlers in
    /// files matched by `skip` (tests, a layer) are left out.
    pub fn routed_functions(&self, skip: impl Fn(&str) -> bool) -> Vec<(usize, usize, usize, usize)> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (i, file) in self.files.iter().enumerate() {
            for r in 0..file.rare().routes.len() {
                let Some((module, name)) = self.resolve_route(i, r) else { continue };
                let Some((fi, k)) = self.function(module, &name) else { continue };
                if !skip(&self.files[fi].path) && seen.insert((fi, k)) {
                    out.push((i, r, fi, k));
                }
            }
        }
        out
    }

    pub fn import(&self, edge: &Edge) -> &ImportFact {
        &self.files[edge.import().0].imports[edge.import().1]
    }

    /// Where the import of a resolved edge is written.
    pub fn import_location(&self, edge: &Edge) -> Location {
        self.import(edge).span.in_file(&self.files[edge.import().0].path)
    }

    /// The file at `path` (files are sorted by path).
    pub fn file_at(&self, path: &str) -> Option<usize> {
        self.files.binary_search_by(|file| (*file.path).cmp(path)).ok()
    }

    /// The module of that name (modules are sorted by name).
    pub fn module_named(&self, name: &str) -> Option<usize> {
        self.modules.binary_search_by(|m| (*m.name).cmp(name)).ok()
    }

    pub fn path_of(&self, module: usize) -> &str {
        &self.files[self.modules[module].file()].path
    }

    /// The one global prefix the project's routes declare (see
    /// [`Project::global_prefix`]).
    fn global_prefix(&self) -> Option<String> {
        let mut prefixes = self
            .files
            .iter()
            .flat_map(|f| &f.rare().routes)
            .filter(|r| r.kind == ReferenceKind::GlobalPrefix)
            .filter_map(|r| r.route.clone());
        match (prefixes.next(), prefixes.next()) {
            (Some(prefix), None) if !prefix.is_empty() => Some(prefix),
            _ => None,
        }
    }

    /// The classes that routes of `kind` name (the viewsets DRF routers
    /// register, the class-based views `urls.py` routes), with their full
    /// routes (see [`Project::viewset_prefixes`], [`Project::class_view_routes`]).
    fn references_by_class(&self, kind: ReferenceKind) -> BTreeMap<(usize, String), Option<String>> {
        let mut out: BTreeMap<(usize, String), Option<String>> = BTreeMap::new();
        for (i, file) in self.files.iter().enumerate() {
            for route in file.rare().routes.iter().filter(|r| r.kind == kind) {
                let (Some(target), Some(prefix)) =
                    (self.resolve_callee(i, &route.callee), self.full_route(i, route.route.as_deref()))
                else {
                    continue;
                };
                out.entry(target).and_modify(|seen| *seen = None).or_insert(Some(prefix));
            }
        }
        out
    }

    /// Routers mounted under a prefix in another file (`app.use("/api", api)`,
    /// `app.include_router(users.router, prefix="/users")`): per module
    /// mounted, the mounting files and prefixes.
    fn mounted_routers(&self, typescript: &typescript::Resolver) -> BTreeMap<usize, Vec<(usize, String)>> {
        let mut mounted: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
        for (i, file) in self.files.iter().enumerate() {
            for (r, route) in file.rare().routes.iter().enumerate().filter(|(_, r)| r.kind == ReferenceKind::Mount) {
                let Some(prefix) = route.route.clone() else { continue };
                let target = if let Some(specifier) = route.callee.strip_prefix("require:") {
                    typescript.resolve(&file.path, specifier).into_iter().find_map(|t| self.module_of_file.get(t))
                } else if let Some(name) = route.callee.strip_prefix("module:") {
                    // Django `include("shop.urls")`: a module by its dotted name.
                    self.module_named(name)
                } else {
                    // A router bound by an import (`api`), an attribute of an
                    // imported module (`users.router`), or the function that
                    // builds it (`api::router`): the module it lives in.
                    let local = route.callee.split('.').next().unwrap_or_default();
                    let bound_module = || {
                        file.imports.iter().enumerate().find_map(|(j, import)| {
                            let (_, bound) = import.bindings.iter().find(|(l, _)| **l == *local)?;
                            Some(self.edges[self.edge_for_binding(i, j, bound)?].to())
                        })
                    };
                    self.resolve_callee(i, &route.callee)
                        .or_else(|| self.route_targets.get(&(i, r)).cloned())
                        .map(|(module, _)| module)
                        .or_else(bound_module)
                };
                if let Some(module) = target {
                    mounted.entry(module).or_default().push((i, prefix));
                }
            }
        }
        mounted
    }

    /// The first edge (in the order of [`Project::edges`]) the `j`-th import
    /// of `file` resolved to.
    pub fn first_edge_of_import(&self, file: usize, j: usize) -> Option<usize> {
        let key = (file as u32, j as u32);
        let k = self.edge_of_import.binary_search_by_key(&key, |&(f, i, _)| (f, i)).ok()?;
        Some(self.edge_of_import[k].2 as usize)
    }

    /// The edge of the `j`-th import of `file` that the name `bound` (what a
    /// binding stands for in the import's target, see
    /// [`ImportFact::bindings`]) follows: one import can resolve to several
    /// modules (`from pkg import a, b` with submodules `pkg.a` and `pkg.b`),
    /// and `b` is `pkg.b`, not the first of them.
    pub fn edge_for_binding(&self, file: usize, j: usize, bound: &str) -> Option<usize> {
        let first = self.first_edge_of_import(file, j)?;
        if bound.is_empty() || self.files[file].imports[j].names.len() < 2 {
            return Some(first);
        }
        let from = self.edges[first].from;
        let separator = self.modules[self.edges[first].to()].separator();
        let of_import: Vec<usize> = (first..self.edges.len())
            .take_while(|&e| self.edges[e].from == from)
            .filter(|&e| self.edges[e].import() == (file, j))
            .collect();
        let last_segment =
            |e: usize| self.modules[self.edges[e].to()].name.rsplit(separator).next().unwrap_or_default();
        let names = &self.files[file].imports[j].names;
        of_import
            .iter()
            .copied()
            .find(|&e| last_segment(e) == bound)
            .or_else(|| of_import.iter().copied().find(|&e| !names.iter().any(|n| **n == *last_segment(e))))
            .or(Some(first))
    }

    /// The model a call of file `file` queries, when its callee is a query
    /// method on a name the file imports from a module that binds that name
    /// to an ORM model or repository (`User.findOne` after `import { User }
    /// from "./models/user"`), or on a member of an imported module object
    /// (`models.User.findOne` after `import * as models from "./models"` or
    /// `const models = require("./models")`): the model's file and name. A
    /// barrel's models are those of the modules it re-exports.
    pub fn model_of_call(&self, file: usize, callee: &str) -> Option<(usize, String)> {
        let index = &self.files[file];
        if index.language.family() != Family::TypeScript || self.models.is_empty() {
            return None;
        }
        let (first, member, _) = crate::lang::db::model_query_callee(callee)?;
        for (j, import) in index.imports.iter().enumerate() {
            let Some((_, bound)) = import.bindings.iter().find(|(local, _)| **local == *first) else { continue };
            let edge = &self.edges[self.edge_for_binding(file, j, bound)?];
            let name = match (member, &**bound) {
                // A member of the module object: the model it exports by that name.
                (Some(member), "" | "default") => member.to_string(),
                (Some(_), _) => return None,
                // `import User from "./user"` binds the module's default
                // export: the module's one model, when it binds exactly one.
                (None, "" | "default") => {
                    let mut found = self.models.keys().filter(|(m, _)| *m == edge.to());
                    match (found.next(), found.next()) {
                        (Some((_, n)), None) => n.clone(),
                        _ => return None,
                    }
                }
                (None, bound) => bound.to_string(),
            };
            let model = self
                .models
                .get(&(edge.to(), name.clone()))
                .copied()
                .or_else(|| self.through_barrel(edge.to(), |to| self.models.get(&(to, name.clone())).copied()));
            return model.map(|f| (f, name));
        }
        None
    }

    /// The function a call of file `file` names, as (file, function): of
    /// another module through the file's imports ([`Project::resolve_callee`]),
    /// or of the file itself.
    pub fn called_function(&self, file: usize, callee: &str) -> Option<(usize, usize)> {
        self.resolve_callee(file, callee)
            .and_then(|(module, name)| self.defined(module, &name))
            .or_else(|| self.files[file].functions.iter().position(|f| *f.name == *callee).map(|k| (file, k)))
    }

    /// The module and function a loop call's callee names, when an import
    /// of the calling file binds its first segment to a module of the
    /// project (`users.items_for` after `from repositories import users`;
    /// `items_for` after `from repositories.users import items_for`).
    pub fn resolve_callee(&self, file: usize, callee: &str) -> Option<(usize, String)> {
        let index = &self.files[file];
        let separator = if index.language.family() == Family::Rust { "::" } else { "." };
        let (first, rest) = match callee.split_once(separator) {
            Some((f, r)) => (f, Some(r)),
            None => (callee, None),
        };
        for (j, import) in index.imports.iter().enumerate() {
            let Some((_, bound)) = import.bindings.iter().find(|(local, _)| **local == *first) else { continue };
            let edge = &self.edges[self.edge_for_binding(file, j, bound)?];
            // `use crate::repo::UserRepo;` binds an item of the module the edge
            // goes to (not a module): `UserRepo::find` is a method of it.
            let binds_item = index.language.family() == Family::Rust
                && bound.is_empty()
                && self.modules[edge.to()].segments().last() != Some(first);
            let function = match (bound.is_empty(), rest) {
                (true, Some(rest)) if binds_item => format!("{first}{separator}{rest}"),
                (true, Some(rest)) => rest.to_string(),
                (false, None) => bound.to_string(),
                // `import OrderService from "./orders"`: a default export is
                // named by the local name (its class's methods are
                // `OrderService.create`).
                (false, Some(rest)) if &**bound == "default" => format!("{first}.{rest}"),
                (false, Some(rest)) => format!("{bound}.{rest}"),
                // Rust `use crate::repo::items_for;` binds the item; its edge
                // goes to the module that holds it.
                (true, None) if binds_item => first.to_string(),
                (true, None) => return None,
            };
            // A method of an imported class (`OrderService.create`), as the index names it.
            if rest.is_some_and(|r| !r.contains(separator)) && self.defined(edge.to(), &function).is_some() {
                return Some((edge.to(), function));
            }
            // A name bound to an item that is no module (a class, a type, an
            // object: `from .repo import OrderRepository`) has no functions of
            // the module under it: `OrderRepository.all` is no call of `all`.
            // (A default export may be an object of the module's functions,
            // as before: it keeps the fallback.)
            let names_module = match (bound.is_empty(), binds_item) {
                (true, binds_item) => !binds_item,
                (false, _) => {
                    &**bound == "default"
                        || self.modules[edge.to()].segments().last() == bound.rsplit(['.', ':', '/']).next()
                }
            };
            if rest.is_some() && !names_module {
                return None;
            }
            // `from pkg import sub` then `sub.f()`: the edge already points at `pkg.sub`.
            let function = function.rsplit(separator).next().unwrap_or(&function).to_string();
            // Segments between the bound name and the function name submodules
            // of the edge's target: `handlers::v0::record::index` after `use
            // crate::handlers;` is `index` of `handlers::v0::record`, not of
            // `handlers`. (A TS member chain names no module.)
            if let Some((inner, _)) = rest.and_then(|r| r.rsplit_once(separator)) {
                if index.language.family() == Family::TypeScript {
                    return None;
                }
                let target = &self.modules[edge.to()];
                let name =
                    format!("{}{}{}", target.name, target.separator(), inner.replace(separator, target.separator()));
                let module = self.module_named(&name)?;
                return Some((module, function));
            }
            return Some((edge.to(), function));
        }
        None
    }
}

/// The loops and functions around the node being visited, during a
/// pre-order walk (entries close when the walk passes their end).
pub(crate) struct Scopes<'t, 'f> {
    stack: Vec<Scope<'t>>,
    /// Whether the file names a transaction at all (asked once, on the
    /// first loop), so that loops of other files are never scanned for one.
    file_has_transactions: Option<bool>,
    /// The file's functions by name, for loops over what one returns (the
    /// file's shared ones, which the rules' `Db` asks too).
    functions: &'f crate::lang::db::FileFunctions<'t>,
    /// The file's node index, for the parents of nodes.
    nodes: &'f crate::lang::NodeIndex<'t>,
}

enum Scope<'t> {
    /// A loop statement, comprehension or iteration callback (`callback`:
    /// its body is a function's). Whether it runs once per item of data
    /// (`lang::db::runs_per_item`, which may follow bindings) is decided the
    /// first time a call in it is recorded, as is `unit_of_work`: each
    /// iteration runs in a transaction of its own
    /// (`lang::db::transaction_per_item`). A loop with no call is never
    /// judged.
    Loop {
        node: Node<'t>,
        body_start: usize,
        /// What runs once, before the iterations: the collection of a Python
        /// comprehension's first `for` clause, which the source puts after
        /// the body (`[t.name for t in load_templates()]`).
        once: std::ops::Range<usize>,
        callback: bool,
        judged: std::cell::OnceCell<Option<(Location, bool)>>,
    },
    Function {
        index: usize,
        end: usize,
    },
}

impl Scope<'_> {
    fn end(&self) -> usize {
        match self {
            Scope::Loop { node, .. } => node.end_byte(),
            Scope::Function { end, .. } => *end,
        }
    }
}

impl<'t, 'f> Scopes<'t, 'f> {
    pub(crate) fn new(
        functions: &'f crate::lang::db::FileFunctions<'t>,
        nodes: &'f crate::lang::NodeIndex<'t>,
    ) -> Scopes<'t, 'f> {
        Scopes { stack: Vec::new(), file_has_transactions: None, functions, nodes }
    }

    /// Closes the scopes that end before `node`.
    pub(crate) fn visit(&mut self, node: Node<'_>) {
        while self.stack.last().is_some_and(|s| s.end() <= node.start_byte()) {
            self.stack.pop();
        }
    }

    /// A loop statement or comprehension, `node`, with its body.
    pub(crate) fn push_loop(&mut self, node: Node<'t>, body: Node<'t>) {
        let once = node
            .named_child_nodes()
            .find(|c| c.kind_name() == "for_in_clause")
            .and_then(|clause| clause.field("right"))
            .map_or(0..0, |collection| collection.byte_range());
        self.stack.push(Scope::Loop {
            node,
            body_start: body.start_byte(),
            once,
            callback: false,
            judged: std::cell::OnceCell::new(),
        });
    }

    /// An iteration call (`ids.forEach(cb)`, `iter.for_each(|x| ..)`), `call`,
    /// whose callback's body is `body`.
    pub(crate) fn push_callback(&mut self, call: Node<'t>, body: Node<'t>) {
        self.stack.push(Scope::Loop {
            node: call,
            body_start: body.start_byte(),
            once: 0..0,
            callback: true,
            judged: std::cell::OnceCell::new(),
        });
    }

    pub(crate) fn push_function(&mut self, index: usize, node: Node<'_>) {
        self.stack.push(Scope::Function { index, end: node.end_byte() });
    }

    /// The innermost enclosing function.
    pub(crate) fn function(&self) -> Option<usize> {
        self.stack.iter().rev().find_map(|s| match s {
            Scope::Function { index, .. } => Some(*index),
            Scope::Loop { .. } => None,
        })
    }

    /// Whether the walk is inside a function.
    pub(crate) fn in_function(&self) -> bool {
        self.stack.iter().any(|s| matches!(s, Scope::Function { .. }))
    }

    /// The innermost loop that runs per item and whose body holds byte `at`,
    /// within the innermost function (a loop around a nested function's
    /// definition does not run the function's body; a loop that does not
    /// run per item is looked through, a callback that does not is a
    /// function): the loop node, its header and whether each iteration is a
    /// unit of work.
    fn loop_at(&self, file: &SourceFile, at: usize) -> Option<(Node<'t>, &Location, bool)> {
        for scope in self.stack.iter().rev() {
            match scope {
                Scope::Function { .. } => return None,
                Scope::Loop { node, body_start, once, callback, judged }
                    if *body_start <= at && !once.contains(&at) =>
                {
                    let judged = judged.get_or_init(|| {
                        crate::lang::db::runs_per_item(*node, self.nodes, &file.text, self.functions).then(|| {
                            let transactions = self.file_has_transactions.unwrap_or(false);
                            let unit_of_work = transactions && crate::lang::db::transaction_per_item(*node, &file.text);
                            (header_location(file, *node), unit_of_work)
                        })
                    });
                    match judged {
                        Some((header, unit_of_work)) => return Some((*node, header, *unit_of_work)),
                        None if *callback => return None,
                        None => {}
                    }
                }
                Scope::Loop { .. } => {}
            }
        }
        None
    }

    /// Records a call at `node` to `callee` when it runs once per iteration.
    /// (The callee is computed only for calls inside a loop.)
    pub(crate) fn record_call(
        &mut self,
        file: &SourceFile,
        node: Node<'_>,
        callee: impl FnOnce() -> Option<String>,
        index: &mut FileIndex,
    ) {
        if self.stack.iter().all(|s| matches!(s, Scope::Function { .. })) {
            return;
        }
        // Only a call whose first name an import binds can reach another
        // module (`Project::resolve_callee`, `Project::model_of_call`), or a
        // method call on `this`/`self` (`this.repo.byId(..)`: a method of the
        // imported class the field holds, named by `performs::fill`); the
        // others are never looked up, so their loop is not judged for them.
        let first = crate::lang::leading_name_of(node, &file.text);
        if first.is_empty()
            || !(performs::is_receiver_of_own_object(first)
                || index.imports.iter().any(|i| i.bindings.iter().any(|(local, _)| **local == *first)))
        {
            return;
        }
        if self.file_has_transactions.is_none() {
            self.file_has_transactions = Some(crate::lang::db::names_transaction(&file.text));
        }
        if let Some((loop_node, header, false)) = self.loop_at(file, node.start_byte())
            && !crate::lang::db::flushed_per_batch(node, self.nodes, &file.text)
            && let Some(callee) = callee()
            && !crate::lang::db::spreads_group_of_loop(node, loop_node, &file.text)
        {
            index.loop_calls.push(LoopCall {
                caller: self.function(),
                callee,
                location: file.node_location(node),
                loop_location: header.clone(),
                data_access: false,
                options: match file.language.family() {
                    crate::lang::Family::TypeScript => crate::lang::typescript::object_argument_keys(node, &file.text),
                    _ => Vec::new(),
                },
            });
        }
    }
}

/// A lookup from a grammar's node kind ids to small tags (0: not wanted), so
/// that the index walk compares numbers instead of kind names.
pub(crate) struct KindTable(Vec<u8>);

impl KindTable {
    pub(crate) fn new(language: Language, kinds: &[(&str, u8)]) -> KindTable {
        let mut table = vec![0u8; language.grammar().node_kind_count()];
        for (kind, tag) in kinds {
            // A kind name may have several ids (aliases); mark every one.
            for id in crate::lang::kind_ids(language).get(*kind).into_iter().flatten() {
                table[*id as usize] = *tag;
            }
        }
        KindTable(table)
    }

    pub(crate) fn tag(&self, node: Node<'_>) -> u8 {
        self.0.get(node.kind_id() as usize).copied().unwrap_or(0)
    }
}

/// One [`KindTable`] per grammar, built once per process.
pub(crate) fn kind_table(
    cache: &'static [std::sync::OnceLock<KindTable>; 5],
    language: Language,
    kinds: &[(&str, u8)],
) -> &'static KindTable {
    cache[language.index()].get_or_init(|| KindTable::new(language, kinds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn index(path: &str, text: &str) -> FileIndex {
        let language = Language::from_path(Path::new(path)).unwrap();
        let file = SourceFile::new(path.into(), language, text.into());
        let tree = crate::lang::parse(language, &file.text);
        extract(&file, &tree, None)
    }

    #[test]
    fn loop_calls_resolve_to_functions_of_imported_modules() {
        let service = index(
            "app/service.py",
            "from app.repositories import users\nfrom app.repositories.users import items_for\n\n\
             def totals(ids):\n    for i in ids:\n        users.items_for(i)\n        items_for(i)\n    items_for(0)\n",
        );
        let repo = index("app/repositories/users.py", "def items_for(user_id):\n    return db.query(user_id)\n");
        let init = index("app/__init__.py", "");
        let repos_init = index("app/repositories/__init__.py", "");
        let project = Project::build(Path::new("/nonexistent"), vec![service, repo, init, repos_init]);
        let file = project.files.iter().position(|f| &*f.path == "app/service.py").unwrap();
        let calls = &project.files[file].loop_calls;
        assert_eq!(calls.len(), 2, "{calls:?}");
        assert_eq!(calls[0].loop_location.start.line, 5);
        assert_eq!(project.files[file].functions[calls[0].caller.unwrap()].name, "totals".into());
        for call in calls {
            let (module, function) = project.resolve_callee(file, &call.callee).unwrap();
            assert_eq!(&*project.modules[module].name, "app.repositories.users");
            assert_eq!(function, "items_for");
            assert!(project.defined(module, &function).is_some());
        }
    }

    #[test]
    fn each_name_of_a_from_import_follows_its_own_submodule() {
        let service = index(
            "app/service.py",
            "from app.repos import orders, users\n\ndef totals(ids):\n    for i in ids:\n        users.load(i)\n",
        );
        let users = index("app/repos/users.py", "def load(i):\n    return i\n");
        let orders = index("app/repos/orders.py", "def load(i):\n    return i\n");
        let inits = [index("app/__init__.py", ""), index("app/repos/__init__.py", "")];
        let mut files = vec![service, users, orders];
        files.extend(inits);
        let project = Project::build(Path::new("/nonexistent"), files);
        let file = project.files.iter().position(|f| &*f.path == "app/service.py").unwrap();
        let (module, function) = project.resolve_callee(file, "users.load").unwrap();
        assert_eq!(&*project.modules[module].name, "app.repos.users");
        assert_eq!(function, "load");
        let (module, _) = project.resolve_callee(file, "orders.load").unwrap();
        assert_eq!(&*project.modules[module].name, "app.repos.orders");
    }

    #[test]
    fn import_kinds_per_language() {
        let kinds = |path: &str, text: &str| -> Vec<(String, ImportKind)> {
            index(path, text).imports.into_iter().map(|i| (i.target.into_string(), i.kind)).collect()
        };
        assert_eq!(
            kinds("a.py", "import a\nif TYPE_CHECKING:\n    import b\ndef f():\n    import c\n"),
            [("a".into(), ImportKind::Normal), ("b".into(), ImportKind::TypeOnly), ("c".into(), ImportKind::Lazy)]
        );
        assert_eq!(
            kinds(
                "a.ts",
                "import type { A } from './a';\nexport * from './b';\nconst c = () => import('./c');\nconst d = require('./d');\n"
            ),
            [
                ("./a".into(), ImportKind::TypeOnly),
                ("./b".into(), ImportKind::Normal),
                ("./c".into(), ImportKind::Lazy),
                ("./d".into(), ImportKind::Normal)
            ]
        );
        assert_eq!(
            kinds("src/lib.rs", "use crate::a::{b, c::D};\nfn f() { crate::e::g(); }\n")
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>(),
            ["crate::a::c::D", "crate::a::b", "crate::e::g"]
        );
    }
}
