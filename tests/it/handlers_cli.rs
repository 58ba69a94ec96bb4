//! `backlint handlers`: runs the binary on a small multi-framework project
//! and checks the listing in text and JSON.

use std::path::PathBuf;
use std::process::Command;

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/handlers/shop")
}

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .arg("handlers")
        .args(args)
        .current_dir(project())
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "exit {:?}: {}", output.status, String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn lists_handlers_of_every_framework_in_text() {
    let expected = "\
api/app.py:10  fastapi  GET /health  health
api/app.py:15  fastapi  GET,HEAD /v1/items  items
api/app.py:20  flask  POST /admin  admin
api/views.py:10  django  ANY /  index
api/views.py:15  django  GET ^orders/(?P<pk>\\d+)/$  OrderView.get
api/views.py:18  django  POST ^orders/(?P<pk>\\d+)/$  OrderView.post
api/views.py:26  django-rest-framework  GET ?  ProductViewSet.list
api/views.py:30  django-rest-framework  POST ?  ProductViewSet.publish
api/views.py:35  django-rest-framework  GET,POST ?  hooks
server/src/main.rs:3  axum  GET /  root
server/src/main.rs:7  axum  POST /  create
web/src/app/api/health/route.ts:1  nextjs  GET /api/health  GET
web/src/pages/api/login.ts:1  nextjs  ANY /api/login  login
web/src/server.ts:7  express  POST /users  createUser
web/src/server.ts:13  express  DELETE /users/:id  <anonymous>
";
    assert_eq!(run(&[]), expected);
    // The same listing whatever the path spelling, and for a single file.
    assert_eq!(run(&["."]), expected);
    assert_eq!(
        run(&["server/src/main.rs"]),
        "server/src/main.rs:3  axum  GET /  root\nserver/src/main.rs:7  axum  POST /  create\n"
    );
}

#[test]
fn lists_handlers_as_json() {
    let listed: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).expect("valid JSON");
    let listed = listed.as_array().expect("an array");
    assert_eq!(listed.len(), 15);
    let first = &listed[0];
    assert_eq!(first["path"], "api/app.py");
    assert_eq!(first["line"], 10);
    assert_eq!(first["framework"], "fastapi");
    assert_eq!(first["methods"], serde_json::json!(["GET"]));
    assert_eq!(first["route"], "/health");
    assert_eq!(first["function"], "health");
    let anonymous = listed.iter().find(|h| h["function"] == "<anonymous>").expect("inline handler listed");
    assert_eq!(anonymous["end_line"], 15);
}

#[test]
fn missing_path_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["handlers", "no/such/folder"])
        .current_dir(project())
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn lists_handlers_registered_in_other_files_at_their_definition() {
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["handlers", "--format", "json", "."])
        .current_dir(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/rules/handler-data-access/typescript/controllers"),
        )
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    let listed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let show = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["function"] == "show")
        .expect("the handler in controllers/users.js is listed");
    assert_eq!(show["path"], "controllers/users.js");
    assert_eq!(show["line"], 6);
    assert_eq!(show["methods"], serde_json::json!(["GET"]));
    assert_eq!(show["route"], "/v1/users/:id", "the router is mounted at /v1 in app.ts");
    assert_eq!(show["registered_at"], "routes.js:8");
    // The export no route names is not a handler.
    assert!(listed.as_array().unwrap().iter().all(|h| h["function"] != "audit"));
}

fn flow(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_backlint"))
        .arg("flow")
        .args(args)
        .current_dir(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/rules/handler-data-access/typescript/controllers"),
        )
        .output()
        .expect("the binary runs")
}

#[test]
fn flow_follows_a_request_through_modules_to_the_database() {
    let output = flow(&[]);
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(
            "POST /v1/users  create  controllers/users.js:12  (registered at routes.js:9)\n  -> userService.create  services/users.js:5\n    -> database: pool.query  services/users.js:6\n"
        ),
        "{text}"
    );
    assert!(text.contains("GET /v1/users/:id  show  controllers/users.js:6  (registered at routes.js:8)\n  -> database: pool.query  controllers/users.js:7\n"), "{text}");
    // An inline handler's calls are followed like a named one's.
    assert!(
        text.contains(
            "POST /v1/users/import  <anonymous>  routes.js:13\n  -> userService.create  services/users.js:5\n    -> database: pool.query  services/users.js:6\n"
        ),
        "{text}"
    );

    // The routes whose requests pass through the most layers, deepest first.
    assert!(
        text.contains(
            "\nDeepest flows (layers from the handler to the database or another service):\n  3  POST /v1/users  create -> userService.create -> database\n  3  POST /v1/users/import  <anonymous> -> userService.create -> database\n"
        ),
        "{text}"
    );

    let output = flow(&["--route", "POST /v1/users", "--format", "mermaid"]);
    let mermaid = String::from_utf8(output.stdout).unwrap();
    assert!(mermaid.starts_with("%% POST /v1/users\nsequenceDiagram\n"), "{mermaid}");
    assert!(mermaid.contains("P0->>P1: userService.create\n"), "{mermaid}");
    assert!(mermaid.contains("P1->>Database: pool.query (services/users.js:6)\n"), "{mermaid}");

    let output = flow(&["--route", "/no/such/route"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no route `/no/such/route`"), "{output:?}");
}

#[test]
fn django_views_get_the_prefix_of_the_include_that_mounts_their_urls() {
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(["handlers", "."])
        .current_dir(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/rules/handler-data-access/python/django_urls"),
        )
        .output()
        .expect("the binary runs");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("shop/views.py:9  django  ANY shop/orders/  order_list  (registered at shop/urls.py:7)\n"),
        "{text}"
    );
    // A class-based view of views.py routed by `views.OrderDetail.as_view()`.
    assert!(text.contains("shop/views.py:34  django  GET shop/orders/<int:pk>/  OrderDetail.get\n"), "{text}");
}

/// Routers under a prefix: from their constructor (`Blueprint(url_prefix=)`,
/// `APIRouter(prefix=)`) or from where another module mounts them
/// (`register_blueprint(bp, url_prefix=)`, `include_router(m.router,
/// prefix=)`, with `from pkg import a, b, c` binding each submodule);
/// a router mounted under two prefixes keeps its routes as written.
#[test]
fn python_routers_are_listed_under_their_prefixes() {
    assert_eq!(
        handlers_of("testdata/handlers/prefixes"),
        "\
fastapp/routers/items.py:7  fastapi  GET /items/{item_id}  read_item
fastapp/routers/shared.py:7  fastapi  GET /ping  ping
fastapp/routers/users.py:7  fastapi  POST /users  create_user
flaskapp/admin.py:7  flask  GET /admin/users  users
flaskapp/shop.py:7  flask  GET /shop/cart  cart
"
    );
}

/// axum: `.nest("/api", api::router())` and `.merge(users::router())` give
/// the routes of the module that builds the router the prefix, through
/// both; `.nest("/admin", admin())` with `admin` a function of the same
/// module gives the routes it registers that prefix too; `get(h)
/// .with_state(..)` and `.layer(..)` still name `h`.
#[test]
fn axum_nested_and_merged_routers_are_listed_under_their_prefixes() {
    assert_eq!(
        handlers_of("testdata/handlers/axum_nest"),
        "\
src/api/mod.rs:9  axum  GET /api/status  status
src/api/mod.rs:18  axum  GET /api/admin/stats  stats
src/handlers/users.rs:1  axum  GET /api/admin/audit  list  (registered at src/api/mod.rs:15)
src/handlers/users.rs:1  axum  GET /api/users  list  (registered at src/api/users.rs:7)
src/handlers/users.rs:5  axum  POST /api/users  create  (registered at src/api/users.rs:8)
"
    );
}

/// `backlint ARGS` in a folder of the repository: its standard output.
fn output_in(folder: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_backlint"))
        .args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder))
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// `backlint handlers .` in a folder of the repository.
fn handlers_of(folder: &str) -> String {
    output_in(folder, &["handlers", "."])
}

/// NestJS: `app.setGlobalPrefix("api/v1")` in `main.ts` puts every
/// controller's routes under `/api/v1`.
#[test]
fn nest_controllers_are_listed_under_the_global_prefix() {
    assert_eq!(
        handlers_of("testdata/handlers/nest"),
        "\
src/cats/cats.controller.ts:6  nestjs  GET /api/v1/cats/:id  CatsController.findOne
src/cats/cats.controller.ts:11  nestjs  POST /api/v1/cats  CatsController.create
"
    );
}

/// Django REST framework: `router.register("items", views.ItemViewSet)`
/// with `path("api/", include(router.urls))`, in a URL module mounted with
/// `include("shop.urls")`, routes the viewset's standard actions; an extra
/// action and an unregistered viewset keep an unknown route.
#[test]
fn drf_viewsets_are_listed_under_their_router_registration() {
    assert_eq!(
        handlers_of("testdata/handlers/drf"),
        "\
shop/views.py:8  django-rest-framework  GET shop/api/items/  ItemViewSet.list
shop/views.py:11  django-rest-framework  GET shop/api/items/{pk}/  ItemViewSet.retrieve
shop/views.py:15  django-rest-framework  POST ?  ItemViewSet.publish
shop/views.py:21  django-rest-framework  GET ?  DraftViewSet.list
"
    );
}

/// Express in CommonJS: a router made by an inline `require("express")
/// .Router()`, mounted with `app.use("/api", require("./routes/api"))`,
/// whose handlers come from controllers by destructuring (`const { login,
/// signup: register } = require(..)`, from a `module.exports = { .. }`
/// object) or as members of a required module (`exports.show = ..`).
#[test]
fn express_handlers_required_by_destructuring_are_listed_at_their_definition() {
    assert_eq!(
        handlers_of("testdata/handlers/express_require"),
        "\
controllers/auth.js:2  express  POST /api/login  login  (registered at routes/api.js:8)
controllers/auth.js:5  express  POST /api/signup  signup  (registered at routes/api.js:9)
controllers/users.js:1  express  GET /api/users/:id  show  (registered at routes/api.js:7)
"
    );
}

/// Django URL modules that include lists of their own under a prefix
/// (`path("api/projects/", include((_api_urlpatterns, app_name)))`), route
/// class-based views of another module (`api.ProjectAPI.as_view()`), and
/// are mounted by a regex prefix that only anchors (`re_path(r"^",
/// include("projects.urls"))`).
#[test]
fn django_routes_in_included_lists_and_class_views_of_other_modules() {
    assert_eq!(
        handlers_of("testdata/handlers/django_lists"),
        "\
projects/api.py:6  django-rest-framework  GET api/projects/  ProjectListAPI.get
projects/api.py:11  django-rest-framework  GET api/projects/<int:pk>/  ProjectAPI.get
projects/api.py:14  django-rest-framework  DELETE api/projects/<int:pk>/  ProjectAPI.delete
projects/views.py:4  django  ANY projects/  project_list  (registered at projects/urls.py:14)
"
    );
}

/// Django includes nested two deep (`api/` then `v1/`): one `/` between the
/// prefixes, and `path("", view)` serves the innermost prefix itself.
#[test]
fn nested_django_includes_join_their_prefixes() {
    assert_eq!(
        handlers_of("testdata/handlers/django_nested"),
        "\
v1/views.py:1  django  ANY api/v1/orders/  orders  (registered at v1/urls.py:3)
v1/views.py:5  django  ANY api/v1/  home  (registered at v1/urls.py:3)
"
    );
}

/// `backlint flow --format mermaid` for one route of a fixture service.
fn mermaid_of(service: &str, route: &str) -> String {
    output_in(service, &["flow", "--route", route, "--format", "mermaid"])
}

#[test]
fn flow_draws_a_python_and_a_rust_service_through_their_service_layer() {
    assert_eq!(
        mermaid_of("testdata/rules/handler-data-access/python/django_urls", "shop/orders/summary/"),
        "%% ANY shop/orders/summary/
sequenceDiagram
    participant Client
    participant P0 as order_summary (shop/views.py:15)
    Client->>P0: ANY shop/orders/summary/
    participant P1 as summarise_orders (shop/services.py:4)
    P0->>P1: summarise_orders
    participant Database
    P1->>Database: Order.objects.filter(customer=user).count (shop/services.py:5)
"
    );
    assert_eq!(
        mermaid_of("testdata/rules/handler-data-access/rust/axum_modules", "GET /orders/:id"),
        "%% GET /orders/:id
sequenceDiagram
    participant Client
    participant P0 as show_order (src/handlers/orders.rs:17)
    Client->>P0: GET /orders/:id
    participant P1 as repo::order_total (src/repo/mod.rs:3)
    P0->>P1: repo::order_total
    participant Database
    P1->>Database: sqlx::query_as(..).fetch_one (src/repo/mod.rs:4)
"
    );
}

/// NestJS layers: a controller's injected service (`constructor(private
/// readonly ordersService: OrdersService)`), the repository the service
/// keeps in a field (`private repo = new OrdersRepository()`) and a
/// service made in the handler (`const reports = new ReportsService()`)
/// are followed to the query; a service method that does no I/O ends the
/// flow at the handler.
#[test]
fn flow_follows_methods_of_project_classes_through_their_receivers() {
    let text = output_in("testdata/handlers/nest_layers", &["flow"]);
    assert_eq!(
        text,
        "\
GET /orders/:id  OrdersController.findOne  src/orders/orders.controller.ts:10
  -> OrdersService.findOne  src/orders/orders.service.ts:9
    -> OrdersRepository.byId  src/orders/orders.repository.ts:6
      -> database: pool.query  src/orders/orders.repository.ts:7
POST /orders  OrdersController.create  src/orders/orders.controller.ts:16
GET /orders  OrdersController.report  src/orders/orders.controller.ts:21
  -> ReportsService.daily  src/orders/reports.service.ts:6
    -> database: pool.query  src/orders/reports.service.ts:7

Deepest flows (layers from the handler to the database or another service):
  4  GET /orders/:id  OrdersController.findOne -> OrdersService.findOne -> OrdersRepository.byId -> database
  3  GET /orders  OrdersController.report -> ReportsService.daily -> database
"
    );
}

/// Python: a service a FastAPI handler receives by its parameter's type
/// (`service: OrderService = Depends()`) and the repository the service
/// keeps on `self` (`self.repo = OrderRepository(..)`, or `self.orders =
/// orders` from a parameter typed with the class) are followed to the
/// query; a method of a module-level instance that only shapes a dict ends
/// the flow at the handler, and so does a method the class does not have
/// (`service.count_open()`), though its module has a function of that name.
#[test]
fn flow_follows_python_receivers_of_project_classes() {
    let text = output_in("testdata/handlers/fastapi_layers", &["flow"]);
    assert_eq!(
        text,
        "\
GET /orders/{order_id}  show_order  shop/api.py:10
  -> OrderService.find  shop/services.py:11
    -> OrderRepository.by_id  shop/repository.py:8
      -> database: self.session.execute  shop/repository.py:9
POST /receipts  receipt  shop/api.py:15
GET /stats  stats  shop/api.py:20
GET /reports/{order_id}  report  shop/api.py:25
  -> ReportService.order  shop/services.py:30
    -> OrderRepository.by_id  shop/repository.py:8
      -> database: self.session.execute  shop/repository.py:9

Deepest flows (layers from the handler to the database or another service):
  4  GET /orders/{order_id}  show_order -> OrderService.find -> OrderRepository.by_id -> database
  4  GET /reports/{order_id}  report -> ReportService.order -> OrderRepository.by_id -> database
"
    );
}

/// Rust: a repository an axum handler extracts from the state
/// (`State(users): State<Arc<UserRepo>>`) and the one a service keeps in a
/// field (`orders: OrderRepo`, called as `self.orders.total(id)`) are
/// followed to the query as `UserRepo::find` and `OrderRepo::total`; a
/// method that only formats ends the flow at the handler, and so does a
/// method called on what a module's function returns (`repo::connect(..)`
/// makes no `repo` type).
#[test]
fn flow_follows_rust_receivers_of_project_types() {
    let text = output_in("testdata/handlers/axum_layers", &["flow"]);
    assert_eq!(
        text,
        "\
GET /users/:id  show_user  src/handlers.rs:15  (registered at src/main.rs:9)
  -> UserRepo::find  src/repo.rs:8
    -> database: sqlx::query_scalar(..).fetch_optional  src/repo.rs:9
GET /orders/:id  show_order  src/handlers.rs:19  (registered at src/main.rs:10)
  -> OrderService::total  src/service.rs:8
    -> OrderRepo::total  src/repo.rs:22
      -> database: sqlx::query_scalar(..).fetch_optional  src/repo.rs:23
GET /labels/:id  label  src/handlers.rs:23  (registered at src/main.rs:11)
GET /forget/:id  forget  src/handlers.rs:27  (registered at src/main.rs:12)

Deepest flows (layers from the handler to the database or another service):
  4  GET /orders/:id  show_order -> OrderService::total -> OrderRepo::total -> database
  3  GET /users/:id  show_user -> UserRepo::find -> database
"
    );
}

/// An inline handler's calls on a receiver that holds a project class
/// (`const orders = new OrderService()`) are followed as that class's
/// methods, as a named handler's are; so are those of a default-exported
/// class (`import Billing from "./billing.service"`).
#[test]
fn flow_follows_receivers_from_an_inline_handler() {
    let text = output_in("testdata/handlers/express_inline_service", &["flow"]);
    assert_eq!(
        text,
        "\
GET /orders/:id  <anonymous>  app.ts:10
  -> OrderService.find  orders.service.ts:6
    -> database: pool.query  orders.service.ts:7
POST /orders/:id/pay  <anonymous>  app.ts:14
  -> Billing.charge  billing.service.ts:6
    -> database: pool.query  billing.service.ts:7

Deepest flows (layers from the handler to the database or another service):
  3  GET /orders/:id  <anonymous> -> OrderService.find -> database
  3  POST /orders/:id/pay  <anonymous> -> Billing.charge -> database
"
    );
}
