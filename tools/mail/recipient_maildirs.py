"""An aiosmtpd handler that delivers each recipient's copy into ROOT/<user>/Maildir.

Dovecot (see tools/Platform.LocalResources/MailServers.cs) serves ROOT/<user>/Maildir as that user's INBOX,
so a message sent through this SMTP server can be read over IMAP at once, as with a real MTA + MDA pair.
The user is the recipient's local part before any '+tag' (tasks+abc@example.test goes to "tasks"),
lower-cased. Unknown users are refused at RCPT (550), as a real server would.

A development and test server: no authentication, loopback only. aiosmtpd itself drops to the user
"nobody" when started as root (no -n), which is the uid Dovecot's users have, so both can read and
rename the files.
"""
import mailbox
import os
import signal


class RecipientMaildirs:
    def __init__(self, root):
        self.root = os.path.abspath(root)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("RecipientMaildirs takes one argument: the folder that holds one folder per user")
        # aiosmtpd stops only on SIGINT; a supervisor (systemd, Aspire, the tests) sends SIGTERM. Exit at once:
        # Maildir writes into tmp/ and renames, so a delivery cut short leaves no half message in new/.
        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
        return cls(args[0])

    def _user_dir(self, address):
        local = address.rsplit("@", 1)[0].split("+", 1)[0].lower()
        if not local or "/" in local or local.startswith("."):
            return None
        path = os.path.join(self.root, local)
        return path if os.path.isdir(path) else None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self._user_dir(address) is None:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        delivered = set()
        for rcpt in envelope.rcpt_tos:
            path = self._user_dir(rcpt)
            if path is None or path in delivered:
                continue
            delivered.add(path)
            box = mailbox.Maildir(os.path.join(path, "Maildir"), factory=None, create=True)
            box.add(content)
        return "250 OK delivered to %d mailbox(es)" % len(delivered)
