//! The facts the converter gathers for the `teiHeader`: only what the
//! transcription prints, nothing inferred from outside knowledge.

use super::dates;
use super::model::DateVal;
use super::names::name_case;

/// A correspondent: a personal name, or a role when the text names no person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Who {
    /// As printed.
    pub name: String,
    /// A function (`SOVIET AMBASSADOR`) rather than a personal name.
    pub role: bool,
}

/// Which header field a date or time belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Role {
    /// No field yet.
    #[default]
    None,
    /// `From PLACE ...`: the sending.
    From,
    /// `Received ...`: the receiving.
    Received,
    /// `Transmitted 22:55 16.2.51`: the transmission.
    Transmitted,
    /// A log line (`Deciphered by ... on ...`, `Arrived at ...`, `Sent to
    /// the 8th Department ...`): its dates are marked up, never asserted.
    Log,
}

/// Facts for the header, as printed in the transcription.
#[derive(Clone, Debug, Default)]
pub(crate) struct Metadata {
    /// The issuing agency line.
    pub agency: Option<String>,
    /// `CIPHERED TELEGRAM` and the like.
    pub doc_type: Option<String>,
    /// The telegram's registration number.
    pub telegram_no: Option<String>,
    /// The distribution list: name and number of copies when printed.
    pub copies: Vec<(String, Option<u32>)>,
    /// Series and special numbers (`SERIES "G" T`).
    pub series: Vec<String>,
    /// Priority and classification lines.
    pub priority: Vec<String>,
    /// `From PLACE`.
    pub from_place: Option<String>,
    /// Signatories of the outer telegram.
    pub signatories: Vec<String>,
    /// Signatories inside a quoted message.
    pub quoted_signatories: Vec<String>,
    /// The telegram instructs its addressee to transmit a message (`To
    /// transmit to Comrade MAO ZEDONG`): a quoted message is the telegram's own.
    pub transmit: bool,
    /// The message is one quotation and nothing else (no words of the
    /// telegram's own around it): the quoted message is the telegram's own.
    pub whole_quote: bool,
    /// Date (and time) of sending, when printed.
    pub sent_date: Option<DateVal>,
    /// Time of sending printed in the header (`From ... 20 hours 05 minutes`).
    pub sent_time: Option<(u8, u8)>,
    /// The addressee.
    pub addressee: Option<Who>,
    /// The place of the addressee (outgoing telegrams: `BEIJING—TO ...`).
    pub received_place: Option<String>,
    /// Date of receipt.
    pub received_date: Option<DateVal>,
    /// Time of receipt.
    pub received_time: Option<(u8, u8)>,
    /// `Transmitted 22:55 16.2.51`: date (and time) of transmission.
    pub transmitted_date: Option<DateVal>,
    /// Time of transmission printed apart from its date.
    pub transmitted_time: Option<(u8, u8)>,
    /// The person or office a telegram is addressed through (`BEIJING—TO KRASOVSKY`).
    pub address_to: Option<Who>,
    /// A place of address ended its line (`BEIJING--`): the next `TO X`
    /// names the person the telegram goes through.
    pub address_pending: bool,
    /// The sender named in a relay formula ("telegram from X addressed to you").
    pub relayed_from: Option<String>,
    /// Date printed in the relayed message's own closing.
    pub relayed_date: Option<DateVal>,
    /// Identifications printed after names: (`FILIPPOV`, `Stalin`).
    pub identifications: Vec<(String, String)>,
    /// Which field the next header date belongs to.
    pub role: Role,
    /// The year that dates without one take.
    pub context_year: Option<i32>,
}

/// The correspondence actions, resolved from the facts.
#[derive(Clone, Debug, Default)]
pub(crate) struct Actions {
    /// Signatories (or the sender a relay names).
    pub sent_by: Vec<Who>,
    /// Date and time of sending.
    pub sent_date: Option<DateVal>,
    /// Place of sending.
    pub sent_place: Option<String>,
    /// The addressee.
    pub received_by: Option<Who>,
    /// Date and time of receipt.
    pub received_date: Option<DateVal>,
    /// Place of receipt.
    pub received_place: Option<String>,
    /// Intermediaries.
    pub transmitted_by: Vec<Who>,
    /// Date of transmission, when it is a relay's own.
    pub transmitted_date: Option<DateVal>,
    /// Place of transmission, when it is a relay's own (`From PLACE`).
    pub transmitted_place: Option<String>,
}

impl Metadata {
    /// Resolves who sent, received and transmitted.
    pub fn actions(&self) -> Actions {
        let mut a = Actions {
            sent_place: self.from_place.clone(),
            received_place: self.received_place.clone(),
            ..Actions::default()
        };
        let mut sent_date = self.sent_date;
        if let (Some(d), Some(t)) = (sent_date.as_mut(), self.sent_time)
            && d.time.is_none()
        {
            d.time = Some(t);
        }
        // "To transmit to Comrade X" / "FILIPPOV [Stalin].”": with no signature
        // outside the quotation, the quoted message's signatory sends it
        let own = if self.signatories.is_empty()
            && (self.transmit || self.whole_quote)
            && self.relayed_from.is_none()
        {
            &self.quoted_signatories
        } else {
            &self.signatories
        };
        let signers: Vec<Who> = own
            .iter()
            .map(|n| Who {
                name: n.clone(),
                role: false,
            })
            .collect();
        if let Some(from) = &self.relayed_from {
            // "I received the following telegram from X addressed to you": the
            // signatory passes X's message on.
            a.sent_by = vec![Who {
                name: from.clone(),
                role: false,
            }];
            // a relayed message whose quotation marks were not found: its
            // own signature is no intermediary's
            a.transmitted_by = signers
                .into_iter()
                .filter(|w| name_case(&w.name) != name_case(from))
                .collect();
            a.transmitted_date = sent_date;
            a.sent_date = self.relayed_date;
            // `From PLACE` is where the relay left; the text does not say
            // where the relayed message was written.
            a.transmitted_place = a.sent_place.take();
        } else {
            a.sent_by = signers;
            a.sent_date = sent_date;
        }
        // `Transmitted 22:55 16.2.51`: the header's own transmission line
        let printed = match (self.transmitted_date, self.transmitted_time) {
            (Some(d), Some(t)) if d.time.is_none() => Some(DateVal { time: Some(t), ..d }),
            (d, _) => d,
        };
        a.transmitted_date = a.transmitted_date.or(printed);
        match (&self.address_to, &self.addressee) {
            (Some(via), Some(to)) => {
                a.transmitted_by.insert(0, via.clone());
                a.received_by = Some(to.clone());
            }
            (Some(to), None) => a.received_by = Some(to.clone()),
            (None, to) => a.received_by = to.clone(),
        }
        a.received_date = match (self.received_date, self.received_time) {
            (Some(d), Some(t)) if d.time.is_none() => Some(DateVal { time: Some(t), ..d }),
            (d, _) => d,
        };
        a
    }

    /// The identification printed after `name`, if any.
    pub fn identification(&self, name: &str) -> Option<&str> {
        self.identifications
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, i)| i.as_str())
    }

    /// A descriptive title: "Ciphered Telegram No. 21334, Mao Zedong to Filippov [Stalin], 30 June 1951".
    pub fn title(&self) -> String {
        let a = self.actions();
        let mut parts = Vec::new();
        let kind = self
            .doc_type
            .as_deref()
            .map(|k| {
                // `Ciphered telegram` -> `Ciphered Telegram`
                name_case(k)
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect::<String>())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| "Telegram".into());
        parts.push(match &self.telegram_no {
            Some(n) => format!("{kind} No. {n}"),
            None => kind,
        });
        let person = |w: &Who| {
            let mut s = name_case(&w.name);
            if let Some(id) = self.identification(&w.name) {
                s.push_str(&format!(" [{id}]"));
            }
            s
        };
        let from = match (a.sent_by.first(), &a.sent_place) {
            // co-signatories: "Mao Zedong and Zhou Enlai"
            (Some(_), _) => Some(
                a.sent_by
                    .iter()
                    .map(person)
                    .collect::<Vec<_>>()
                    .join(" and "),
            ),
            (None, Some(p)) => Some(format!("from {}", name_case(p))),
            (None, None) => None,
        };
        let to = a.received_by.as_ref().map(|w| format!("to {}", person(w)));
        let who: Vec<String> = from.into_iter().chain(to).collect();
        if !who.is_empty() {
            parts.push(who.join(" "));
        }
        if let Some(d) = a.sent_date.or(a.received_date) {
            parts.push(dates::display(&d, self.context_year));
        }
        parts.join(", ")
    }
}
