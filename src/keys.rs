//! The key file: what seals the audit trail and encrypts secrets at rest,
//! kept outside the database and so outside its backups and dumps.
//!
//! The model is journald's Forward Secure Sealing. The sealing key evolves
//! every epoch (15 minutes): the next key is a one-way hash of the last,
//! which is overwritten, so whoever takes the machine today holds only
//! today's key and cannot reseal yesterday's entries. The first key is the
//! verification key: from it `audit verify --verify-key` derives every
//! epoch's key. It stays in the file only until `roster audit verify-key`
//! shows it once (`init` does that at once), to be kept off the machine.
//!
//! Beside the key file, `<key file>.head` holds the last audit head this
//! machine wrote, so a plain `audit verify` sees a cut tail or an emptied
//! trail.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::types::hex;
use crate::store::audit::Sealing;

/// How long one sealing key lives.
pub const EPOCH_SECONDS: i64 = 15 * 60;

/// A century of epochs: a forged epoch far on must not spin the derivation.
const MAX_STEPS: i64 = 100 * 366 * 24 * 4;

const FORMAT: &str = "roster key file 1";

/// The epoch `at` falls in.
pub fn epoch_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(EPOCH_SECONDS)
}

fn evolve(key: &[u8; 32]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(b"roster sealing key\n");
    hasher.update(key);
    hasher.finalize().into()
}

/// The key `steps` epochs after `key`; none past a century.
pub(crate) fn evolve_to(mut key: [u8; 32], steps: i64) -> Option<[u8; 32]> {
    if !(0..=MAX_STEPS).contains(&steps) {
        return None;
    }
    for _ in 0..steps {
        key = evolve(&key);
    }
    Some(key)
}

/// The first sealing key and its epoch: `rvk1-<epoch>-<hex>`.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifyKey {
    epoch: i64,
    key: [u8; 32],
}

impl VerifyKey {
    /// The sealing key of `epoch`, if the trail could have been sealed then.
    pub fn key_at(&self, epoch: i64) -> Option<[u8; 32]> {
        evolve_to(self.key, epoch.checked_sub(self.epoch)?)
    }
}

impl fmt::Display for VerifyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rvk1-{}-{}", self.epoch, hex(&self.key))
    }
}

impl fmt::Debug for VerifyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VerifyKey(…)")
    }
}

impl std::str::FromStr for VerifyKey {
    type Err = Error;

    fn from_str(text: &str) -> Result<VerifyKey> {
        let bad = || Error::invalid("verify-key", "(not shown)", "not a verification key (rvk1-EPOCH-HEX)");
        let rest = text.trim().strip_prefix("rvk1-").ok_or_else(bad)?;
        let (epoch, key) = rest.split_once('-').ok_or_else(bad)?;
        Ok(VerifyKey { epoch: epoch.parse().map_err(|_| bad())?, key: unhex(key).ok_or_else(bad)? })
    }
}

/// 64 hex digits as 32 bytes.
pub(crate) fn unhex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The key file as loaded: the sealing key of its epoch, the fixed key for
/// secrets at rest, and the verification key until it is shown.
pub struct KeyFile {
    path: PathBuf,
    epoch: i64,
    seal: [u8; 32],
    secret: [u8; 32],
    verify: Option<VerifyKey>,
}

impl fmt::Debug for KeyFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyFile({}, epoch {})", self.path.display(), self.epoch)
    }
}

/// A problem with the key file, as a database error naming the file.
fn problem(path: &Path, problem: impl fmt::Display) -> Error {
    Error::Database { path: path.display().to_string(), problem: problem.to_string() }
}

impl KeyFile {
    /// `<db>.key`, beside the database, unless `ROSTER_KEY_FILE` says otherwise.
    pub fn default_path(db: &Path) -> PathBuf {
        let mut name = db.as_os_str().to_owned();
        name.push(".key");
        name.into()
    }

    /// Where the last head this machine wrote is kept.
    pub fn head_path(&self) -> PathBuf {
        Self::head_path_of(&self.path)
    }

    /// `<key file>.head`.
    pub fn head_path_of(key: &Path) -> PathBuf {
        let mut name = key.as_os_str().to_owned();
        name.push(".head");
        name.into()
    }

    /// The key file at `path`, if there is one.
    pub fn load(path: &Path) -> Result<Option<KeyFile>> {
        use std::os::unix::fs::PermissionsExt;
        // As ssh does with a private key: one that others may read (copied
        // in with a loose mode, say) is not used until it is private again.
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            return Err(problem(
                path,
                format!(
                    "the key file may be read by others (mode {:o}): `chmod 600` it; nothing was done",
                    meta.permissions().mode() & 0o777
                ),
            ));
        }
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(problem(path, format!("cannot read the key file: {e}"))),
        };
        let broken = || problem(path, "the key file is damaged (restore it from where you keep it)");
        let mut lines = text.lines();
        if lines.next() != Some(FORMAT) {
            return Err(broken());
        }
        let (mut epoch, mut seal, mut secret, mut verify) = (None, None, None, None);
        for line in lines {
            match line.split_once(' ') {
                Some(("epoch", n)) => epoch = n.parse().ok(),
                Some(("seal", key)) => seal = unhex(key),
                Some(("secret", key)) => secret = unhex(key),
                Some(("verify", key)) => verify = Some(key.parse::<VerifyKey>().map_err(|_| broken())?),
                _ => {}
            }
        }
        match (epoch, seal, secret) {
            (Some(epoch), Some(seal), Some(secret)) => {
                Ok(Some(KeyFile { path: path.to_owned(), epoch, seal, secret, verify }))
            }
            _ => Err(broken()),
        }
    }

    /// A new key file at `path` (refused if one is there), its first epoch
    /// that of `now`.
    pub fn create(path: &Path, now: DateTime<Utc>) -> Result<KeyFile> {
        let mut seal = [0u8; 32];
        let mut secret = [0u8; 32];
        rand::fill(&mut seal);
        rand::fill(&mut secret);
        let epoch = epoch_of(now);
        let file = KeyFile { path: path.to_owned(), epoch, seal, secret, verify: Some(VerifyKey { epoch, key: seal }) };
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| problem(path, format!("cannot create the key file: {e}")))?;
        file.save()?;
        Ok(file)
    }

    fn save(&self) -> Result<()> {
        let mut text =
            format!("{FORMAT}\nepoch {}\nseal {}\nsecret {}\n", self.epoch, hex(&self.seal), hex(&self.secret));
        if let Some(verify) = &self.verify {
            text.push_str(&format!("verify {verify}\n"));
        }
        crate::files::replace_private(&self.path, text.as_bytes())
            .map_err(|e| problem(&self.path, format!("cannot write the key file: {e}")))
    }

    /// Moves the sealing key on to the epoch of `now` (never back: a clock
    /// set back seals in the latest epoch), overwriting the old key.
    pub fn advance(&mut self, now: DateTime<Utc>) -> Result<()> {
        let epoch = epoch_of(now);
        if epoch <= self.epoch {
            return Ok(());
        }
        self.seal = evolve_to(self.seal, epoch - self.epoch)
            .ok_or_else(|| problem(&self.path, "the clock is more than a century ahead of the key file"))?;
        self.epoch = epoch;
        self.save()
    }

    /// What the chain seals new entries with.
    pub fn sealing(&self) -> Sealing {
        Sealing { epoch: self.epoch, key: self.seal }
    }

    /// The fixed key for secrets at rest.
    pub fn secret(&self) -> &[u8; 32] {
        &self.secret
    }

    /// The current epoch's sealing key (checks today's seals on the machine).
    pub fn current(&self) -> (i64, [u8; 32]) {
        (self.epoch, self.seal)
    }

    /// Whether the verification key is still in the file.
    pub fn holds_verify_key(&self) -> bool {
        self.verify.is_some()
    }

    /// The verification key, removed from the file: shown once.
    pub fn take_verify_key(&mut self) -> Result<Option<VerifyKey>> {
        let taken = self.verify.take();
        if taken.is_some() {
            self.save()?;
        }
        Ok(taken)
    }
}

/// How an encrypted secret starts in the database: XChaCha20-Poly1305 under
/// the key file's fixed secret key, `enc1:<hex of nonce and ciphertext>`.
const ENCRYPTED: &str = "enc1:";

/// `plain`, encrypted for storage.
pub(crate) fn encrypt(key: &[u8; 32], plain: &str) -> Result<String> {
    use chacha20poly1305::aead::{Aead, KeyInit};
    let cipher = chacha20poly1305::XChaCha20Poly1305::new(key.into());
    let mut nonce = [0u8; 24];
    rand::fill(&mut nonce);
    let sealed = cipher
        .encrypt(&nonce.into(), plain.as_bytes())
        .map_err(|_| Error::Internal("encrypting a secret failed".into()))?;
    Ok(format!("{ENCRYPTED}{}{}", hex(&nonce), hex(&sealed)))
}

/// A stored secret, decrypted; one stored before encryption comes back as it is.
pub(crate) fn decrypt(key: &[u8; 32], stored: &str) -> Result<String> {
    use chacha20poly1305::aead::{Aead, KeyInit};
    let Some(text) = stored.strip_prefix(ENCRYPTED) else {
        return Ok(stored.to_owned());
    };
    let wrong = || Error::Internal("a stored secret does not open with this key file's key".into());
    let bytes: Vec<u8> = (0..text.len() / 2)
        .map(|i| text.get(2 * i..2 * i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
        .collect::<Option<_>>()
        .ok_or_else(wrong)?;
    if bytes.len() < 24 {
        return Err(wrong());
    }
    let (nonce, sealed) = bytes.split_at(24);
    let nonce: [u8; 24] = nonce.try_into().map_err(|_| wrong())?;
    let cipher = chacha20poly1305::XChaCha20Poly1305::new(key.into());
    let plain = cipher.decrypt(&nonce.into(), sealed).map_err(|_| wrong())?;
    String::from_utf8(plain).map_err(|_| wrong())
}

/// The last head (seq, hash) this machine recorded beside the key file.
pub fn read_head(path: &Path) -> Result<Option<(i64, String)>> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let (seq, hash) = text.trim().split_once(':').ok_or_else(|| problem(path, "the head file is damaged"))?;
            Ok(Some((seq.parse().map_err(|_| problem(path, "the head file is damaged"))?, hash.to_owned())))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(problem(path, format!("cannot read the head file: {e}"))),
    }
}

/// Records the head after a commit. Without an fsync: a head lost to a
/// crash leaves an older one, which still holds (it only has to exist).
pub fn write_head(path: &Path, (seq, hash): (i64, &str)) -> Result<()> {
    crate::files::replace_private_unsynced(path, format!("{seq}:{hash}\n").as_bytes())
        .map_err(|e| problem(path, format!("cannot write the head file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verification_key_derives_every_later_key_and_no_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        let t0 = DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap().to_utc();
        let mut file = KeyFile::create(&path, t0).unwrap();
        let verify = file.take_verify_key().unwrap().unwrap();
        assert_eq!(verify.to_string().parse::<VerifyKey>().unwrap(), verify);
        file.advance(t0 + chrono::Duration::hours(5)).unwrap();
        let reloaded = KeyFile::load(&path).unwrap().unwrap();
        let (epoch, key) = reloaded.current();
        assert_eq!(epoch, epoch_of(t0) + 20);
        assert_eq!(verify.key_at(epoch), Some(key));
        assert_eq!(verify.key_at(epoch_of(t0) - 1), None);
        assert!(!reloaded.holds_verify_key());
        assert!(!std::fs::read_to_string(&path).unwrap().contains(&hex(&verify.key)));
    }

    #[test]
    fn a_secret_opens_only_with_its_key() {
        let (key, other) = ([7u8; 32], [8u8; 32]);
        let stored = encrypt(&key, "JBSWY3DPEHPK3PXP").unwrap();
        assert!(stored.starts_with(ENCRYPTED) && !stored.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(decrypt(&key, &stored).unwrap(), "JBSWY3DPEHPK3PXP");
        assert!(decrypt(&other, &stored).is_err());
        assert_eq!(decrypt(&key, "plain from before").unwrap(), "plain from before");
    }
}
