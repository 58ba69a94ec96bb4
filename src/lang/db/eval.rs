//! The query-string evaluator, written once for the three languages: how the
//! text a call runs was built inside one function, and whether any part of it
//! is not a constant (`QueryValue`).
//!
//! The algorithm lives here: literals and templates with holes, `+`
//! concatenation, values that pass text on unchanged, a choice among values,
//! and names followed through the bindings before their use (a `+=` or
//! `push_str` adds a hole). What each node kind is comes from the language
//! ([`Lang`]): its shapes, its statements that bind a name, how it judges one
//! interpolated value (a number, an UPPER_CASE constant, an allow-listed
//! identifier are safe) and the calls that build text (`.format`, `%`,
//! `format!`, `.join`, `.concat`).

use std::marker::PhantomData;

use tree_sitter::Node;

use super::{DbFacts, Dynamic, QueryValue, is_upper_case, short};
use crate::lang::{NodeExt, descendants, text};

/// Names are followed through at most this many nested bindings
/// (`b = a + x`, `a = ..`).
const MAX_DEPTH: usize = 6;

/// What an expression is, as far as the text it makes goes.
pub(super) enum Shape<'t> {
    /// Text fixed by the code: a literal without holes, a pick among
    /// literals (`{"up": "ASC"}[d]`), a tagged `sql` template.
    Constant,
    /// A literal with interpolated values (an f-string, a template
    /// literal): each value is a hole, judged by [`Lang::hole`].
    Template { holes: Vec<Node<'t>>, how: &'static str },
    /// The same text as another expression: parentheses, a cast, `?`.
    Same(Node<'t>),
    /// `left + right`.
    Concat { left: Node<'t>, right: Node<'t>, how: &'static str },
    /// One of several values: the branches of a conditional, the items of a
    /// list of SQL fragments. Constant when all are.
    AnyOf(Vec<Node<'t>>),
    /// A name: what its bindings before the use give it.
    Name(Node<'t>),
    /// A form the language judges itself ([`Lang::other`]): calls that
    /// build text, `%` formatting, macros.
    Other,
    /// Nothing to say.
    Unknown,
}

impl<'t> Shape<'t> {
    /// `left + right` when `node` is a binary `+`, otherwise nothing to say.
    pub fn plus(node: Node<'t>, source: &str) -> Shape<'t> {
        match (super::is_plus(node, source), node.field("left"), node.field("right")) {
            (true, Some(left), Some(right)) => Shape::Concat { left, right, how: "`+` concatenation" },
            _ => Shape::Unknown,
        }
    }
}

/// What a node of a function does to a name, for [`Eval::variable`].
pub(super) enum Binding<'t> {
    /// Gives it `value` (`x = ..`, `let x = ..`); `augmented` says how a
    /// statement adds to it (`x += ..`, `x.push_str(..)`), whose value not
    /// known here is then a hole. `statement` is where the text is built.
    Assign { value: Node<'t>, statement: Node<'t>, augmented: Option<&'static str> },
    /// Gives it a constant (`for t in TABLES`, `let n: i64 = ..`, SQL the
    /// ORM compiled).
    Constant,
    /// Gives it a value nothing can be said of.
    Unknown,
}

/// The knowledge of one language the evaluator asks.
pub(super) trait Lang: Sized {
    /// What `node` is.
    fn shape<'t>(eval: &Eval<'_, '_, 't, Self>, node: Node<'t>) -> Shape<'t>;
    /// The value of a [`Shape::Other`] node.
    fn other<'t>(eval: &mut Eval<'_, '_, 't, Self>, node: Node<'t>, at: usize) -> QueryValue<'t>;
    /// What `node` (a node of the function, before the use) does to `name`,
    /// if anything.
    fn binding<'t>(eval: &Eval<'_, '_, 't, Self>, node: Node<'t>, name: &str) -> Option<Binding<'t>>;
    /// Judges a value interpolated into the text: `None` when it is safe (a
    /// constant, a number, a placeholder list), otherwise the hole.
    fn hole<'t>(eval: &mut Eval<'_, '_, 't, Self>, node: Node<'t>, at: usize, how: &'static str)
    -> Option<Dynamic<'t>>;
}

/// The evaluator over one function (`scope`) of a file.
pub(super) struct Eval<'s, 'f, 't, L> {
    pub source: &'s str,
    pub facts: &'f DbFacts,
    /// The function the query is in, whose bindings are followed.
    pub scope: Option<Node<'t>>,
    depth: usize,
    language: PhantomData<L>,
}

impl<'s, 'f, 't, L: Lang> Eval<'s, 'f, 't, L> {
    pub fn new(source: &'s str, facts: &'f DbFacts, scope: Option<Node<'t>>) -> Self {
        Eval { source, facts, scope, depth: 0, language: PhantomData }
    }

    /// How the text `node` holds at byte `at` was built.
    pub fn value(&mut self, node: Node<'t>, at: usize) -> QueryValue<'t> {
        match L::shape(self, node) {
            Shape::Constant => QueryValue::Constant,
            Shape::Template { holes, how } => self.first_hole(holes, at, how),
            Shape::Same(inner) => self.value(inner, at),
            Shape::Concat { left, right, how } => self.concat(left, right, at, how),
            Shape::AnyOf(items) => {
                let mut all_constant = true;
                for item in items {
                    match self.value(item, at) {
                        QueryValue::Dynamic(d) => return QueryValue::Dynamic(d),
                        QueryValue::Constant => {}
                        QueryValue::Unknown => all_constant = false,
                    }
                }
                if all_constant { QueryValue::Constant } else { QueryValue::Unknown }
            }
            Shape::Name(name) => self.variable(text(name, self.source), at),
            Shape::Other => L::other(self, node, at),
            Shape::Unknown => QueryValue::Unknown,
        }
    }

    /// Judges one interpolated value ([`Lang::hole`]).
    pub fn hole(&mut self, node: Node<'t>, at: usize, how: &'static str) -> Option<Dynamic<'t>> {
        L::hole(self, node, at, how)
    }

    /// The first of `holes` that is not safe, or a constant.
    pub fn first_hole(&mut self, holes: Vec<Node<'t>>, at: usize, how: &'static str) -> QueryValue<'t> {
        for hole in holes {
            if let Some(d) = self.hole(hole, at, how) {
                return QueryValue::Dynamic(d);
            }
        }
        QueryValue::Constant
    }

    /// A text method that puts values into its receiver (`"..".format(a)`,
    /// `"..".concat(a)`): what the receiver is, with each of `holes` a hole
    /// of it when the receiver is a constant.
    pub fn formatted(
        &mut self,
        receiver: Node<'t>,
        holes: Vec<Node<'t>>,
        at: usize,
        how: &'static str,
    ) -> QueryValue<'t> {
        match self.value(receiver, at) {
            QueryValue::Constant => self.first_hole(holes, at, how),
            other => other,
        }
    }

    /// `left + right`: a constant joined to a value not known here makes
    /// that value a hole.
    pub fn concat(&mut self, left: Node<'t>, right: Node<'t>, at: usize, how: &'static str) -> QueryValue<'t> {
        let l = self.value(left, at);
        let r = self.value(right, at);
        match (l, r) {
            (QueryValue::Dynamic(d), _) | (_, QueryValue::Dynamic(d)) => QueryValue::Dynamic(d),
            (QueryValue::Constant, QueryValue::Constant) => QueryValue::Constant,
            (QueryValue::Constant, QueryValue::Unknown) => self.as_hole(right, at, how),
            (QueryValue::Unknown, QueryValue::Constant) => self.as_hole(left, at, how),
            _ => QueryValue::Unknown,
        }
    }

    /// A value interpolated by name (`name` written at `at_node`): safe when
    /// it is an UPPER_CASE constant the module does not reassign, a number
    /// (`numeric`, the language's judgment: a typed parameter, a local that
    /// only ever holds numbers), or checked against an allow-list before the
    /// use; otherwise what its bindings make it, or the name itself as the
    /// hole.
    pub fn named_hole(
        &mut self,
        at_node: Node<'t>,
        name: &str,
        at: usize,
        how: &'static str,
        numeric: bool,
    ) -> Option<Dynamic<'t>> {
        if (is_upper_case(name) && !self.facts.non_constants.contains(name))
            || numeric
            || crate::lang::values::is_allow_listed_as(at_node, name, self.source)
        {
            return None;
        }
        self.variable(name, at).hole_or(|| Dynamic {
            hole: at_node,
            hole_text: short(name),
            how,
            built_at: None,
            template: None,
        })
    }

    /// `node` judged as a hole: dynamic, or a constant when it is safe.
    pub fn as_hole(&mut self, node: Node<'t>, at: usize, how: &'static str) -> QueryValue<'t> {
        match self.hole(node, at, how) {
            Some(d) => QueryValue::Dynamic(d),
            None => QueryValue::Constant,
        }
    }

    /// The hole `node` is, as written.
    pub fn dynamic(&self, node: Node<'t>, how: &'static str) -> Dynamic<'t> {
        Dynamic { hole: node, hole_text: short(text(node, self.source)), how, built_at: None, template: None }
    }

    /// What the bindings of `name` before byte `at` in the function give it:
    /// dynamic as soon as one builds it from a hole (that statement is where
    /// it was built), constant when every one gives a constant, unknown when
    /// one assigns a value not known here.
    pub fn variable(&mut self, name: &str, at: usize) -> QueryValue<'t> {
        if self.facts.constants.contains(name) {
            return QueryValue::Constant;
        }
        let Some(scope) = self.scope else { return QueryValue::Unknown };
        if self.depth > MAX_DEPTH {
            return QueryValue::Unknown;
        }
        self.depth += 1;
        let mut result = None::<QueryValue<'t>>;
        let mut any_constant = false;
        for n in descendants(scope) {
            if n.start_byte() >= at {
                break;
            }
            let Some(binding) = L::binding(self, n, name) else { continue };
            let (value, statement, augmented) = match binding {
                Binding::Constant => {
                    any_constant = true;
                    continue;
                }
                Binding::Unknown => {
                    result = Some(QueryValue::Unknown);
                    continue;
                }
                Binding::Assign { value, statement, augmented } => (value, statement, augmented),
            };
            let v = match augmented {
                Some(how) => match self.value(value, n.start_byte()) {
                    QueryValue::Unknown => self.as_hole(value, n.start_byte(), how),
                    other => other,
                },
                None => self.value(value, n.start_byte()),
            };
            match v {
                QueryValue::Dynamic(mut d) => {
                    d.built_at.get_or_insert(statement);
                    result = Some(QueryValue::Dynamic(d));
                    break;
                }
                QueryValue::Constant => any_constant = true,
                QueryValue::Unknown if augmented.is_none() => result = Some(QueryValue::Unknown),
                QueryValue::Unknown => {}
            }
        }
        self.depth -= 1;
        match result {
            Some(QueryValue::Dynamic(d)) => QueryValue::Dynamic(d),
            Some(_) => QueryValue::Unknown,
            None if any_constant => QueryValue::Constant,
            None => QueryValue::Unknown,
        }
    }
}
