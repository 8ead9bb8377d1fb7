//! Pagination as a state machine: which request comes next, when the listing is over, and the position to
//! save so that a listing (above all a delta feed) resumes where it stopped.

mod position;
mod trailing;
mod walk;

use std::collections::HashSet;

pub(crate) use trailing::{trailing_member, trailing_position};
pub use walk::{Listing, Walk};

use crate::error::Error;

/// Where a page says the listing goes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// More pages follow from this position.
    More(String),
    /// The listing is over; `resume_at` is the position to start from later (a delta feed's cursor), if any.
    End {
        /// Where a later listing starts to see what is new.
        resume_at: Option<String>,
    },
}

impl Next {
    /// For listings that go on while a page names the next position: more from a position that is given and not
    /// empty, else the end, with nothing to resume from.
    pub fn while_named(position: Option<String>) -> Next {
        match position {
            Some(position) if !position.is_empty() => Next::More(position),
            _ => Next::End { resume_at: None },
        }
    }
}

/// What a page says of the pages after it, as read from its members (named by [`Paginated::LINKS`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// The next page's cursor, marker or page cursor; for a delta feed, also where a later sync starts.
    pub position: Option<String>,
    /// Whether more pages follow, for listings whose pages say so in a member of their own.
    pub more: Option<bool>,
}

/// The wire names of the members of a page that its [`Links`] are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkMembers {
    /// The member holding the next position.
    pub position: &'static str,
    /// The member saying whether more pages follow, if the listing has one.
    pub more: Option<&'static str>,
}

/// A request that lists in pages; implemented once per paginated operation.
pub trait Paginated: Clone {
    /// One page of results.
    type Page;

    /// The members of a page that say where the listing goes next; a platform that reads pages its own way
    /// reads these into [`Links`].
    const LINKS: LinkMembers;

    /// The position this request starts from (cursor, marker or page cursor), if any.
    fn position(&self) -> Option<&str>;

    /// The same request, starting from `position`.
    fn at_position(&self, position: String) -> Self;

    /// The links of a decoded page.
    fn links(page: &Self::Page) -> Links;

    /// Where a page's links say the listing goes next. Pages may be short or empty before the end; only the
    /// links decide.
    fn next(links: Links) -> Result<Next, Error>;

    /// The position of the next page as a successful response's body names it, read without decoding the page
    /// (see [`Pages::early_request`]); `None` when the body does not say plainly that more pages follow.
    fn peek_next(body: &[u8]) -> Option<String> {
        let _ = body;
        None
    }
}

/// Walks a paginated listing: ask [`Pages::next_request`], run it, report the page with [`Pages::advance`].
#[derive(Debug, Clone)]
pub struct Pages<R: Paginated> {
    request: R,
    done: bool,
    resume_at: Option<String>,
    seen: HashSet<String>,
}

impl<R: Paginated> Pages<R> {
    /// Starts at the request's own position: none for the beginning, a saved one to resume.
    pub fn new(request: R) -> Self {
        let resume_at = request.position().map(str::to_owned);
        let seen = resume_at.iter().cloned().collect();
        Pages { request, done: false, resume_at, seen }
    }

    /// The request for the next page, or `None` when the listing is over.
    pub fn next_request(&self) -> Option<&R> {
        (!self.done).then_some(&self.request)
    }

    /// The request for the page after the one now on its way, from the position [`Paginated::peek_next`] read
    /// in its response before decoding it: sending it at once overlaps the next fetch with this decoding.
    ///
    /// Only a guess: after [`Pages::advance`] the early request stands if [`Pages::is_next`] confirms it, and is
    /// dropped otherwise. `None` when the listing is over or has already been at that position.
    pub fn early_request(&self, peeked: &str) -> Option<R> {
        (!self.done && !self.seen.contains(peeked)).then(|| self.request.at_position(peeked.to_owned()))
    }

    /// Whether `early` is the request [`Pages::next_request`] asks for.
    pub fn is_next(&self, early: &R) -> bool {
        self.next_request().is_some_and(|next| next.position() == early.position())
    }

    /// Takes in the page that answered [`Pages::next_request`].
    ///
    /// Fails, and ends the listing, when the service hands back a position it already gave: following it would
    /// loop forever.
    pub fn advance(&mut self, page: &R::Page) -> Result<(), Error> {
        if self.done {
            return Ok(());
        }
        match R::next(R::links(page)) {
            Ok(Next::More(position)) if self.seen.contains(&position) => {
                self.done = true;
                Err(Error::RepeatedCursor { position })
            }
            Ok(Next::More(position)) => {
                self.seen.insert(position.clone());
                self.request = self.request.at_position(position.clone());
                self.resume_at = Some(position);
                Ok(())
            }
            Ok(Next::End { resume_at }) => {
                self.done = true;
                self.resume_at = resume_at;
                Ok(())
            }
            Err(error) => {
                self.done = true;
                Err(error)
            }
        }
    }

    /// Whether the listing is over.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The position to save: pass it back as the request's cursor (or marker, or page cursor) to resume.
    /// For a finished delta feed it is the cursor that shows what changes next.
    pub fn position(&self) -> Option<&str> {
        self.resume_at.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Listing(Option<String>);

    /// A page is `(next position, has more)`.
    impl Paginated for Listing {
        type Page = (String, bool);
        const LINKS: LinkMembers = LinkMembers { position: "next", more: Some("more") };
        fn links(page: &Self::Page) -> Links {
            Links { position: Some(page.0.clone()), more: Some(page.1) }
        }
        fn position(&self) -> Option<&str> {
            self.0.as_deref()
        }
        fn at_position(&self, position: String) -> Self {
            Listing(Some(position))
        }
        fn next(links: Links) -> Result<Next, Error> {
            let position = links.position.unwrap_or_default();
            Ok(if links.more == Some(true) { Next::More(position) } else { Next::End { resume_at: Some(position) } })
        }
    }

    #[test]
    fn walks_until_the_page_says_the_end_and_keeps_the_resume_position() {
        let mut pages = Pages::new(Listing(None));
        assert_eq!(pages.next_request(), Some(&Listing(None)));
        pages.advance(&("a".into(), true)).unwrap();
        assert_eq!(pages.next_request(), Some(&Listing(Some("a".into()))));
        assert_eq!(pages.position(), Some("a"));
        pages.advance(&("b".into(), false)).unwrap();
        assert!(pages.is_done());
        assert_eq!(pages.next_request(), None);
        assert_eq!(pages.position(), Some("b"));
    }

    #[test]
    fn an_early_request_stands_only_when_the_decoded_page_names_the_same_position() {
        let mut pages = Pages::new(Listing(Some("start".into())));
        assert_eq!(pages.early_request("start"), None, "a position already seen is not fetched again");
        let early = pages.early_request("a").unwrap();
        assert_eq!(early, Listing(Some("a".into())));
        pages.advance(&("a".into(), true)).unwrap();
        assert!(pages.is_next(&early));

        let wrong = pages.early_request("x").unwrap();
        pages.advance(&("b".into(), false)).unwrap();
        assert!(!pages.is_next(&wrong), "the decoded page has the last word");
        assert_eq!(pages.early_request("c"), None, "nothing follows the last page");
    }

    #[test]
    fn a_repeated_position_stops_the_walk_with_an_error() {
        let mut pages = Pages::new(Listing(Some("start".into())));
        pages.advance(&("a".into(), true)).unwrap();
        pages.advance(&("b".into(), true)).unwrap();
        let err = pages.advance(&("a".into(), true)).unwrap_err();
        assert_eq!(err, Error::RepeatedCursor { position: "a".into() });
        assert!(pages.is_done());

        let mut resumed = Pages::new(Listing(Some("start".into())));
        assert!(matches!(resumed.advance(&("start".into(), true)), Err(Error::RepeatedCursor { .. })));
    }
}
