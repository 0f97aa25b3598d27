//! What travels between a copy of Hearth and a relay: the automerge-repo protocol's
//! messages (CBOR maps, one to a binary WebSocket frame), the document id they name, and the
//! join code a person copies from one copy to another.
//!
//! Hearth speaks the protocol itself rather than through an automerge-repo library, so that
//! every step of sync stays one SQLite transaction (`SharedCommunity::receive`) and every
//! error is reported; any relay that speaks the protocol will do, the JavaScript sync
//! server or `hearth relay` (docs/sharing.md, "Steps"). Only what a copy needs is read:
//! the handshake, a document's sync messages, and the answers "unavailable" and "error".
//! The rest (presence, heads gossip) is passed over.

use std::fmt;
use std::str::FromStr;

use ciborium::Value;

use crate::error::{Error, Result, Rule};

/// The protocol version both ends speak.
pub const PROTOCOL_VERSION: &str = "1";

/// A shared document's id as automerge-repo writes it: 16 random bytes in base58 with a
/// checksum ("6gMHXjsZ5cxdn4qSbgGYYY8CnKK"). Random, so a join code cannot be guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocumentId([u8; 16]);

impl DocumentId {
    /// A new id, from the system's random source.
    pub fn new() -> DocumentId {
        DocumentId(*uuid::Uuid::new_v4().as_bytes())
    }

    pub fn bytes(&self) -> [u8; 16] {
        self.0
    }
}

impl Default for DocumentId {
    fn default() -> Self {
        DocumentId::new()
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&bs58::encode(self.0).with_check().into_string())
    }
}

impl FromStr for DocumentId {
    type Err = Error;

    fn from_str(text: &str) -> Result<DocumentId> {
        let bytes = bs58::decode(text.trim())
            .with_check(None)
            .into_vec()
            .map_err(|e| {
                let why = match e {
                    bs58::decode::Error::InvalidCharacter { character, .. } => {
                        format!("it holds {character:?}, which an id never does")
                    }
                    bs58::decode::Error::InvalidChecksum { .. }
                    | bs58::decode::Error::NoChecksum => {
                        "a letter of it is wrong or missing (its checksum does not match)".into()
                    }
                    other => other.to_string(),
                };
                join_code(format!("{text:?} is not a shared community's id: {why}"))
            })?;
        let bytes: [u8; 16] = bytes.try_into().map_err(|bytes: Vec<u8>| {
            join_code(format!(
                "{text:?} is not a shared community's id: it holds {} bytes, not 16",
                bytes.len()
            ))
        })?;
        Ok(DocumentId(bytes))
    }
}

/// What a person copies to let another copy join: the relay's address and the document's
/// id, as one line: `ws://192.168.1.20:3030#6gMHXjsZ5cxdn4qSbgGYYY8CnKK`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinCode {
    /// `ws://` or `wss://`, with a host.
    pub relay: url::Url,
    pub document: DocumentId,
}

impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut relay = self.relay.clone();
        relay.set_fragment(None);
        write!(
            f,
            "{}#{}",
            relay.as_str().trim_end_matches('/'),
            self.document
        )
    }
}

impl FromStr for JoinCode {
    type Err = Error;

    fn from_str(text: &str) -> Result<JoinCode> {
        let text = text.trim();
        let mut relay = url::Url::parse(text).map_err(|e| {
            join_code(format!(
                "{text:?} is not a join code ({e}); one looks like ws://host:3030#id"
            ))
        })?;
        if !matches!(relay.scheme(), "ws" | "wss") || relay.host().is_none() {
            return Err(join_code(format!(
                "{text:?} is not a join code: the relay's address starts with ws:// or wss:// \
                 and names a host"
            )));
        }
        let document = match relay.fragment() {
            Some(id) if !id.is_empty() => id.parse()?,
            _ => {
                return Err(join_code(format!(
                    "{text:?} is not a join code: the shared community's id, after #, is missing"
                )))
            }
        };
        relay.set_fragment(None);
        Ok(JoinCode { relay, document })
    }
}

/// A relay's address as typed (`ws://192.168.1.20:3030`), checked as `relay_address` does.
pub fn parse_relay(text: &str) -> Result<url::Url> {
    let url = url::Url::parse(text.trim()).map_err(|e| {
        Error::invalid(
            "relay",
            Rule::InvalidFormat,
            format!("{text:?} is not a relay's address ({e}); one looks like ws://host:3030"),
        )
    })?;
    relay_address(&url)
}

/// A relay's address as a join code holds it: ws:// or wss://, with a host, and nothing after
/// a #; refused, naming the field `relay`, otherwise.
pub fn relay_address(relay: &url::Url) -> Result<url::Url> {
    if !matches!(relay.scheme(), "ws" | "wss") || relay.host().is_none() {
        return Err(Error::invalid(
            "relay",
            Rule::InvalidFormat,
            format!("{relay} is not a relay's address: one starts with ws:// or wss:// and names a host"),
        ));
    }
    let mut relay = relay.clone();
    relay.set_fragment(None);
    Ok(relay)
}

fn join_code(message: String) -> Error {
    Error::invalid("joinCode", Rule::InvalidFormat, message)
}

/// One message of the protocol, as far as a copy of Hearth reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// The first message, from the side that connects.
    Join {
        sender: String,
        versions: Vec<String>,
    },
    /// The answer to `Join`.
    Peer {
        sender: String,
        target: String,
        version: String,
    },
    /// An Automerge sync message for a document; `Request` asks for one the sender does not
    /// have yet.
    Sync {
        request: bool,
        sender: String,
        target: String,
        document: DocumentId,
        data: Vec<u8>,
    },
    /// Nobody the sender can reach has the document.
    Unavailable {
        sender: String,
        target: String,
        document: DocumentId,
    },
    /// The other end refused something, and closes.
    Refused { message: String },
    /// A message of the protocol a copy has no use for (presence, heads gossip, leave).
    PassedOver { kind: String },
}

impl Message {
    /// The message as one binary frame.
    pub fn encode(&self) -> Vec<u8> {
        let text = |s: &str| Value::Text(s.to_string());
        let mut map: Vec<(&str, Value)> = Vec::new();
        match self {
            Message::Join { sender, versions } => {
                map.push(("type", text("join")));
                map.push(("senderId", text(sender)));
                let versions = versions.iter().map(|v| text(v)).collect();
                map.push(("supportedProtocolVersions", Value::Array(versions)));
                // A copy keeps its own sync state for the relay, per connection.
                let metadata = vec![(text("isEphemeral"), Value::Bool(true))];
                map.push(("peerMetadata", Value::Map(metadata)));
            }
            Message::Peer {
                sender,
                target,
                version,
            } => {
                map.push(("type", text("peer")));
                map.push(("senderId", text(sender)));
                map.push(("targetId", text(target)));
                map.push(("selectedProtocolVersion", text(version)));
            }
            Message::Sync {
                request,
                sender,
                target,
                document,
                data,
            } => {
                map.push(("type", text(if *request { "request" } else { "sync" })));
                map.push(("senderId", text(sender)));
                map.push(("targetId", text(target)));
                map.push(("documentId", text(&document.to_string())));
                map.push(("data", Value::Bytes(data.clone())));
            }
            Message::Unavailable {
                sender,
                target,
                document,
            } => {
                map.push(("type", text("doc-unavailable")));
                map.push(("senderId", text(sender)));
                map.push(("targetId", text(target)));
                map.push(("documentId", text(&document.to_string())));
            }
            Message::Refused { message } => {
                map.push(("type", text("error")));
                map.push(("message", text(message)));
            }
            Message::PassedOver { kind } => {
                map.push(("type", text(kind)));
            }
        }
        let value = Value::Map(map.into_iter().map(|(k, v)| (text(k), v)).collect());
        let mut bytes = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = ciborium::into_writer(&value, &mut bytes);
        bytes
    }

    /// Reads one frame. A frame that is not a map of the protocol, or lacks what its type
    /// needs, is refused with what is wrong.
    pub fn decode(bytes: &[u8]) -> Result<Message> {
        let value: Value =
            ciborium::from_reader(bytes).map_err(|e| corrupt(format!("it is not CBOR: {e}")))?;
        let Value::Map(entries) = value else {
            return Err(corrupt("it is not a map".into()));
        };
        let get = |key: &str| {
            entries
                .iter()
                .find(|(k, _)| matches!(k, Value::Text(t) if t == key))
                .map(|(_, v)| v)
        };
        let text = |key: &str| match get(key) {
            Some(Value::Text(t)) => Ok(t.clone()),
            _ => Err(corrupt(format!("its {key} is missing or not text"))),
        };
        let document = || -> Result<DocumentId> {
            text("documentId")?
                .parse()
                .map_err(|e: Error| corrupt(format!("its documentId is not an id: {e}")))
        };
        let kind = text("type")?;
        Ok(match kind.as_str() {
            "join" => Message::Join {
                sender: text("senderId")?,
                versions: match get("supportedProtocolVersions") {
                    Some(Value::Array(items)) => items
                        .iter()
                        .filter_map(|v| match v {
                            Value::Text(t) => Some(t.clone()),
                            _ => None,
                        })
                        .collect(),
                    _ => return Err(corrupt("its supportedProtocolVersions are missing".into())),
                },
            },
            "peer" => Message::Peer {
                sender: text("senderId")?,
                target: text("targetId")?,
                version: text("selectedProtocolVersion")?,
            },
            "request" | "sync" => Message::Sync {
                request: kind == "request",
                sender: text("senderId")?,
                target: text("targetId")?,
                document: document()?,
                data: match get("data") {
                    Some(Value::Bytes(data)) => data.clone(),
                    _ => return Err(corrupt("its data are missing or not bytes".into())),
                },
            },
            "doc-unavailable" => Message::Unavailable {
                sender: text("senderId")?,
                target: text("targetId")?,
                document: document()?,
            },
            "error" => Message::Refused {
                message: text("message")?,
            },
            _ => Message::PassedOver { kind },
        })
    }
}

fn corrupt(why: String) -> Error {
    Error::Corrupt(format!("a message from the relay was refused: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_id_reads_back_and_a_damaged_one_is_refused_by_its_checksum() {
        let id = DocumentId::new();
        let text = id.to_string();
        assert_eq!(text.parse::<DocumentId>().unwrap(), id);
        assert_ne!(DocumentId::new(), id, "random");
        // automerge-repo's own example id reads as 16 bytes.
        let theirs: DocumentId = "6gMHXjsZ5cxdn4qSbgGYYY8CnKK".parse().unwrap();
        assert_eq!(theirs.to_string(), "6gMHXjsZ5cxdn4qSbgGYYY8CnKK");
        // One character changed: the checksum no longer matches.
        let mut damaged: Vec<char> = text.chars().collect();
        damaged[3] = if damaged[3] == 'a' { 'b' } else { 'a' };
        let damaged: String = damaged.into_iter().collect();
        let err = damaged.parse::<DocumentId>().unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        // A sound base58 text of another length.
        let short = bs58::encode([1_u8, 2, 3]).with_check().into_string();
        assert!(short
            .parse::<DocumentId>()
            .unwrap_err()
            .to_string()
            .contains("3 bytes"));
    }

    #[test]
    fn a_join_code_names_the_relay_and_the_document_and_a_malformed_one_says_what_is_wrong() {
        let code = JoinCode {
            relay: "ws://192.168.1.20:3030".parse().unwrap(),
            document: "6gMHXjsZ5cxdn4qSbgGYYY8CnKK".parse().unwrap(),
        };
        let text = code.to_string();
        assert_eq!(text, "ws://192.168.1.20:3030#6gMHXjsZ5cxdn4qSbgGYYY8CnKK");
        assert_eq!(text.parse::<JoinCode>().unwrap(), code);
        assert_eq!(format!("  {text}\n").parse::<JoinCode>().unwrap(), code);
        for (bad, says) in [
            ("", "not a join code"),
            ("hello", "not a join code"),
            ("https://example.org#6gMHXjsZ5cxdn4qSbgGYYY8CnKK", "ws://"),
            ("ws://192.168.1.20:3030", "missing"),
            ("ws://192.168.1.20:3030#", "missing"),
            ("ws://192.168.1.20:3030#0OIl", "not a shared community's id"),
        ] {
            let err = bad.parse::<JoinCode>().unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{bad}");
            assert!(err.to_string().contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn every_message_a_copy_sends_reads_back_the_same() {
        let document = DocumentId::new();
        let messages = [
            Message::Join {
                sender: "copy-a".into(),
                versions: vec![PROTOCOL_VERSION.into()],
            },
            Message::Peer {
                sender: "relay".into(),
                target: "copy-a".into(),
                version: PROTOCOL_VERSION.into(),
            },
            Message::Sync {
                request: true,
                sender: "copy-a".into(),
                target: "relay".into(),
                document,
                data: vec![0x42, 0, 255],
            },
            Message::Sync {
                request: false,
                sender: "relay".into(),
                target: "copy-a".into(),
                document,
                data: Vec::new(),
            },
            Message::Unavailable {
                sender: "relay".into(),
                target: "copy-a".into(),
                document,
            },
            Message::Refused {
                message: "unsupported protocol version".into(),
            },
            Message::PassedOver {
                kind: "ephemeral".into(),
            },
        ];
        for message in messages {
            assert_eq!(Message::decode(&message.encode()).unwrap(), message);
        }
    }

    #[test]
    fn a_frame_written_as_automerge_repo_writes_it_is_read() {
        // {type: "sync", senderId: "peer-1", targetId: "peer-2", documentId, data: h'0102'},
        // in cbor-x's encoding (text keys, definite lengths, a byte string for data), with
        // a field Hearth does not read.
        let document: DocumentId = "6gMHXjsZ5cxdn4qSbgGYYY8CnKK".parse().unwrap();
        let frame = Value::Map(vec![
            (Value::Text("type".into()), Value::Text("sync".into())),
            (Value::Text("senderId".into()), Value::Text("peer-1".into())),
            (Value::Text("targetId".into()), Value::Text("peer-2".into())),
            (
                Value::Text("documentId".into()),
                Value::Text(document.to_string()),
            ),
            (Value::Text("data".into()), Value::Bytes(vec![1, 2])),
            (Value::Text("extra".into()), Value::Integer(7.into())),
        ]);
        let mut bytes = Vec::new();
        ciborium::into_writer(&frame, &mut bytes).unwrap();
        assert_eq!(
            Message::decode(&bytes).unwrap(),
            Message::Sync {
                request: false,
                sender: "peer-1".into(),
                target: "peer-2".into(),
                document,
                data: vec![1, 2],
            }
        );
    }

    #[test]
    fn a_frame_that_is_not_the_protocol_is_refused_with_the_reason() {
        let mut not_a_map = Vec::new();
        ciborium::into_writer(&Value::Array(vec![]), &mut not_a_map).unwrap();
        let sync_without_data = Message::Unavailable {
            sender: "a".into(),
            target: "b".into(),
            document: DocumentId::new(),
        }
        .encode()
        .into_iter()
        .collect::<Vec<u8>>();
        let mut as_sync: Value = ciborium::from_reader(sync_without_data.as_slice()).unwrap();
        if let Value::Map(entries) = &mut as_sync {
            entries[0].1 = Value::Text("sync".into());
        }
        let mut sync_without_data = Vec::new();
        ciborium::into_writer(&as_sync, &mut sync_without_data).unwrap();
        for (bytes, says) in [
            (&b"\xff\x00garbage"[..], "not CBOR"),
            (&not_a_map[..], "not a map"),
            (&sync_without_data[..], "data"),
        ] {
            let err = Message::decode(bytes).unwrap_err();
            assert_eq!(err.code(), "corrupt");
            assert!(err.to_string().contains(says), "{err}");
        }
    }
}
