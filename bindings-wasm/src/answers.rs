//! Answers read by the engine: the core's protocol decides what an answer is (status, the service's errors,
//! retries, the walk), and a successful body goes through `JSON.parse` and the rules of `js/answers.js` instead of
//! the core's readers, which this package leaves out (the core's `json` feature). The shared fixtures hold the
//! two readers to one output.

use drivekit_core::Error;
use drivekit_core::auth::Secret;
use drivekit_core::call::{Call, Exchange, Operation, Protocol, Tick};
use drivekit_core::http::{HttpRequest, HttpResponse};
use drivekit_core::koodrive::{KooDriveClient, KooDriveOperation};
use drivekit_core::paginate::{LinkMembers, Links, Listing, Next, Paginated};
use drivekit_core::pds::{PdsClient, PdsOperation};
use drivekit_core::schema::DescribedModel;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/answers.js")]
extern "C" {
    /// The answer a body gives as the named model, or an `Error` saying why it cannot be read.
    #[wasm_bindgen(catch, js_name = readAnswer)]
    fn read_answer(model: &str, body: &[u8]) -> Result<JsValue, JsValue>;

    /// The class of signed URLs in answers.
    #[wasm_bindgen(thread_local_v2, js_name = SignedUrl)]
    static SIGNED_URL: JsValue;
}

/// The class the package's answers hold signed URLs in, for the entry module to export.
#[wasm_bindgen(js_name = signedUrlClass)]
pub fn signed_url_class() -> JsValue {
    SIGNED_URL.with(JsValue::clone)
}

/// A member of a JavaScript object.
fn member(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A core exchange whose successful answers the engine reads, as the model named `model`. The protocol is
/// boxed: every operation's calls and walks then run on one copy of the driver, which keeps the module small.
pub(crate) struct EngineRead {
    protocol: Box<dyn Protocol>,
    /// The operation, as decode errors name it.
    operation: &'static str,
    model: &'static str,
}

impl EngineRead {
    fn new(protocol: impl Protocol + 'static, operation: &'static str, model: &'static str) -> Self {
        EngineRead { protocol: Box::new(protocol), operation, model }
    }
}

impl Protocol for EngineRead {
    fn is_read_only(&self) -> bool {
        self.protocol.is_read_only()
    }

    fn needs_access_token(&self) -> bool {
        self.protocol.needs_access_token()
    }

    fn build(&self, tick: Tick, access_token: Option<&Secret>) -> Result<HttpRequest, Error> {
        self.protocol.build(tick, access_token)
    }

    fn check(&self, response: &HttpResponse) -> Result<(), Error> {
        self.protocol.check(response)
    }

    fn error_in_answer(&self, response: &HttpResponse, member: &dyn Fn(&str) -> Option<String>) -> Option<Error> {
        self.protocol.error_in_answer(response, member)
    }
}

impl Exchange for EngineRead {
    type Output = JsValue;

    fn parse(&self, response: &HttpResponse) -> Result<JsValue, Error> {
        self.check(response)?;
        let what = || format!("{} response", self.operation);
        let answer = read_answer(self.model, &response.body).map_err(|error| {
            let detail = error.dyn_ref::<js_sys::Error>().map(|error| String::from(error.message()));
            Error::undecodable(what(), detail.unwrap_or_else(|| "unreadable".to_owned()), &response.body)
        })?;
        // The members as the rules left them: a number that was read as one is a whole number here.
        let text = |name: &str| {
            let value = member(&answer, name);
            value.as_string().or_else(|| value.as_f64().map(|number| number.to_string()))
        };
        match self.error_in_answer(response, &text) {
            Some(error) => Err(error),
            None => Ok(answer),
        }
    }
}

/// An operation of the core, run with its answers read by the engine; a listing's pages and entries are then
/// JavaScript objects.
#[derive(Debug, Clone)]
pub(crate) struct EngineRun<R>(pub(crate) R);

impl<O> Operation<PdsClient> for EngineRun<O>
where
    O: PdsOperation + 'static,
    O::Output: DescribedModel,
{
    type Exchange = EngineRead;

    fn call(self, client: &PdsClient) -> Result<Call<EngineRead>, Error> {
        let call = client.call(self.0)?;
        Ok(call.map_exchange(|protocol| EngineRead::new(protocol, O::ACTION, O::Output::MODEL.name())))
    }
}

impl<O> Operation<KooDriveClient> for EngineRun<O>
where
    O: KooDriveOperation + 'static,
    O::Output: DescribedModel,
{
    type Exchange = EngineRead;

    fn call(self, client: &KooDriveClient) -> Result<Call<EngineRead>, Error> {
        let call = client.call(self.0)?;
        Ok(call.map_exchange(|protocol| EngineRead::new(protocol, O::NAME, O::Output::MODEL.name())))
    }
}

/// The walk's rules are the listing's own; only its pages are the engine's objects.
impl<R: Paginated> Paginated for EngineRun<R> {
    type Page = JsValue;

    const LINKS: LinkMembers = R::LINKS;

    fn position(&self) -> Option<&str> {
        self.0.position()
    }

    fn at_position(&self, position: String) -> Self {
        EngineRun(self.0.at_position(position))
    }

    fn links(page: &JsValue) -> Links {
        Links {
            position: member(page, R::LINKS.position).as_string(),
            more: R::LINKS.more.and_then(|more| member(page, more).as_bool()),
        }
    }

    fn next(links: Links) -> Result<Next, Error> {
        R::next(links)
    }

    fn peek_next(body: &[u8]) -> Option<String> {
        R::peek_next(body)
    }
}

impl<R: Listing> Listing for EngineRun<R> {
    type Item = JsValue;

    const ITEMS: &'static str = R::ITEMS;

    fn take_items(page: &mut JsValue) -> Vec<JsValue> {
        let items = member(page, R::ITEMS);
        if items.is_undefined() {
            return Vec::new();
        }
        let _ = Reflect::set(page, &JsValue::from_str(R::ITEMS), &Array::new());
        Array::from(&items).to_vec()
    }

    fn put_items(page: &mut JsValue, items: Vec<JsValue>) {
        let items: Array = items.into_iter().collect();
        let _ = Reflect::set(page, &JsValue::from_str(R::ITEMS), &items);
    }

    fn scope(&self) -> String {
        self.0.scope()
    }
}
