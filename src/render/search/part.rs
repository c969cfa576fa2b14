//! Entries of the index as the index files are made from them: no JSON to
//! write for the whole index and parse back, and a rebuild can tell which
//! entries changed (see [`super::shards::Index::update`]).

/// Entries of the search index of one language, in index order: one
/// report's (made with the report's pages), the agencies' or the compared
/// codes'. For each entry: its document as a chunk holds it, its keywords,
/// and which of them are words of its title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    /// Each entry's `{"t":…,"n":…[,"r":…][,"u":…]}`, one after the other.
    docs: String,
    /// Each entry's keywords, one entry's after the other: folded, each
    /// word once, separated by one space.
    words: String,
    /// Where each entry ends.
    ends: Vec<End>,
    /// Bit `i % 64` of `title[i / 64]`: the `i`th word of the part (counted
    /// over every entry) is a word of its entry's title.
    title: Vec<u64>,
}

/// Where an entry ends: in [`Part::docs`], [`Part::words`], and the count of words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct End {
    doc: u32,
    words: u32,
    count: u32,
    /// An agency's entry (`"t":"agency"`).
    agency: bool,
}

/// One entry of a [`Part`].
#[derive(Clone, Copy)]
pub struct Entry<'p> {
    /// `{"t":…,"n":…[,"r":…][,"u":…]}`.
    pub doc: &'p str,
    /// The keywords, separated by one space.
    pub words: &'p str,
    part: &'p Part,
    /// The index of its first word in the part.
    first: usize,
}

impl<'p> Entry<'p> {
    /// Each keyword, and whether it is a word of the title.
    pub fn keywords(&self) -> impl Iterator<Item = (&'p str, bool)> + 'p {
        let (part, first) = (self.part, self.first);
        self.words
            .split(' ')
            .filter(|w| !w.is_empty())
            .enumerate()
            .map(move |(i, w)| (w, part.in_title(first + i)))
    }

    /// The same keywords, with the same title bits, as `other`.
    pub fn same_keywords(&self, other: &Entry) -> bool {
        self.words == other.words && self.keywords().eq(other.keywords())
    }
}

impl Part {
    /// How many entries.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Entry `i` (from 0).
    pub fn entry(&self, i: usize) -> Entry<'_> {
        let before = match i {
            0 => End::default(),
            _ => self.ends[i - 1],
        };
        let end = self.ends[i];
        Entry {
            doc: &self.docs[before.doc as usize..end.doc as usize],
            words: &self.words[before.words as usize..end.words as usize],
            part: self,
            first: before.count as usize,
        }
    }

    /// Every entry, in order.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        (0..self.len()).map(|i| self.entry(i))
    }

    /// The entries that are agencies' (`"t":"agency"`), by index.
    pub fn agencies(&self) -> impl Iterator<Item = usize> + '_ {
        self.ends
            .iter()
            .enumerate()
            .filter(|(_, e)| e.agency)
            .map(|(i, _)| i)
    }

    fn in_title(&self, word: usize) -> bool {
        self.title[word / 64] >> (word % 64) & 1 == 1
    }

    /// Where the document of the next entry is written, before [`Part::end_entry`].
    pub(super) fn doc_mut(&mut self) -> &mut String {
        &mut self.docs
    }

    /// Ends the entry whose document was written to [`Part::doc_mut`]: its
    /// keywords are `words` (space-separated), its title's words `title`
    /// (folded).
    pub(super) fn end_entry(&mut self, words: &str, title: &str) {
        let before = self.ends.last().copied().unwrap_or_default();
        let agency = self.docs[before.doc as usize..].starts_with("{\"t\":\"agency\"");
        let mut count = before.count as usize;
        self.words.push_str(words);
        for w in words.split(' ').filter(|w| !w.is_empty()) {
            if count / 64 == self.title.len() {
                self.title.push(0);
            }
            if title.split(' ').any(|t| t == w) {
                self.title[count / 64] |= 1 << (count % 64);
            }
            count += 1;
        }
        self.ends.push(End {
            doc: u32::try_from(self.docs.len()).expect("a part under 4 GiB"),
            words: u32::try_from(self.words.len()).expect("a part under 4 GiB"),
            count: count as u32,
            agency,
        });
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.docs.shrink_to_fit();
        self.words.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.title.shrink_to_fit();
    }

    /// The entries as the index's JSON array holds them, joined by commas
    /// (no brackets): `{"t":…,"n":…[,"r":…][,"u":…],"k":…}`.
    pub fn to_json(&self) -> String {
        let mut json = String::with_capacity(self.docs.len() + self.words.len() + 8 * self.len());
        for (i, e) in self.entries().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(e.doc.strip_suffix('}').expect("a JSON object"));
            // Folded words need no escaping.
            json.push_str(",\"k\":\"");
            json.push_str(e.words);
            json.push_str("\"}");
        }
        json
    }

    /// The entries of a JSON array of the index (see [`super::index_json`]).
    pub fn from_json(json: &str) -> Part {
        #[derive(serde::Deserialize)]
        struct Json<'a> {
            #[serde(borrow)]
            t: std::borrow::Cow<'a, str>,
            #[serde(borrow)]
            n: std::borrow::Cow<'a, str>,
            #[serde(borrow, default)]
            r: Option<std::borrow::Cow<'a, str>>,
            #[serde(borrow, default)]
            u: Option<std::borrow::Cow<'a, str>>,
            #[serde(borrow)]
            k: std::borrow::Cow<'a, str>,
        }
        let entries: Vec<Json> = serde_json::from_str(json).expect("the index is well-formed");
        let mut part = Part::default();
        let mut title = String::new();
        for e in entries {
            let doc = part.doc_mut();
            doc.push_str("{\"t\":");
            super::push_json_str(doc, &[&e.t]);
            doc.push_str(",\"n\":");
            super::push_json_str(doc, &[&e.n]);
            if let Some(r) = &e.r {
                doc.push_str(",\"r\":");
                super::push_json_str(doc, &[r]);
            }
            if let Some(u) = &e.u {
                doc.push_str(",\"u\":");
                super::push_json_str(doc, &[u]);
            }
            doc.push('}');
            title.clear();
            super::fold_into(&e.n, &mut title);
            part.end_entry(&e.k, &title);
        }
        part
    }
}
