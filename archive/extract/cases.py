"""Court cases are neither actors nor places (issue 15). A case is named after its parties ('Roe v. Wade',
'Brown v. Board of Education') and cited by its first party alone ('in Roe, the Court held', 'reaffirm
Campbell'): such a mention is of the case, while the party's other mentions ('Apple said') stay its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from archive.extract.kinds import WINDOW, has_any
from archive.extract.names import fold

# 'Roe v. Wade', 'Lynch v. Overholser', 'MCI Telecommunications Corp. v. AT&T Co.' (the dot after 'v' or
# 'vs' is needed: British sport writes its fixtures 'England v Australia').
# (A full stop ends a party's name, except inside it: 'Roe v. Wade. Justice Alito wrote' names no Justice Alito.)
_PARTY_WORD = r"[A-Z][\w'’&-]*(?:\.[\w'’&-]+)*"  # 'AT&T', 'U.S'
_PARTY = rf"{_PARTY_WORD}(?:[ \t]+(?:of[ \t]+|the[ \t]+|&[ \t]+)*{_PARTY_WORD}){{0,5}}"
_CASE = re.compile(rf"(?<![\w-])(?P<first>{_PARTY})\.?[ \t]+vs?\.[ \t]+(?P<second>{_PARTY})")
# A case needs a court's words near it (a match report may write 'Lakers vs. Celtics').
_COURT = re.compile(r"(?i:(?<![\w-])(?:court|courts|justice|justices|judge|judges|ruling|ruled|precedent|precedents|"
                    r"appeal|appeals|lawsuit|sued|plaintiff|plaintiffs|defendant|defendants|statute|constitutional|"
                    r"verdict)(?![\w-]))")
# A case cited by its first party alone: 'in MCI, Justice Scalia's opinion', 'In Roe, the Court held', 'reaffirm
# Campbell', 'overturned Roe' (not "overturned Smith's conviction", 'reaffirmed NATO as the cornerstone'; not
# 'overruled': a minister overrules a colleague).
_SAID = r"(?:held|ruled|said|found|concluded|recognized|recognised|explained|noted|observed|reasoned|wrote)"
_JUDGES = (rf"(?:(?:Chief[ \t]+)?Justice[ \t]+[A-Z][\w'’-]+(?:['’]s\b|[ \t]+{_SAID})"
           rf"|the[ \t]+(?:Supreme[ \t]+)?[Cc]ourt[ \t]+(?:{_SAID}|struck|upheld)|the[ \t]+majority)")
_PRECEDENT_VERBS = r"(?:reaffirm|reaffirms|reaffirmed|reaffirming|overturn|overturns|overturned|overturning)"
# (and a judgment's own verbs: 'between the time that Navtej was delivered and today')
_CITED = re.compile(rf"(?<![\w-])(?:[Ii]n[ \t]+(?P<in>{_PARTY})(?=[ \t]*,[ \t]+{_JUDGES})"
                    rf"|{_PRECEDENT_VERBS}[ \t]+(?P<verb>{_PARTY})(?=[ \t]*(?:[.,;:]|and\b|$))"
                    rf"|(?P<judged>{_PARTY})(?=[ \t]+was[ \t]+(?:decided|delivered|handed[ \t]+down|overruled)\b))")
_CITED_HINTS = ("reaffirm", "overturn", ", Justice", ", Chief", ", the Court", ", the court", ", the Supreme",
                ", the majority", "was decided", "was delivered", "was handed down", "was overruled")
# (one of which a text needs for a citation: quicker to look for than the pattern)
_COURT_WINDOW = 1000  # how near a precedent's verb a court's words must be: a hearing's talk is long
# Once a name is a case's, its other citations: 'under Roe', 'In Apple, the jury found', 'Campbell
# unambiguously requires', 'the Roe decision' (not 'shares in Apple fell', 'in Apple, Google and Samsung').
_CITED_BEFORE = re.compile(r"(?<![\w-])(?:[Uu]nder|[Ss]ince|[Cc]ited|[Cc]iting|[Aa]pplying|[Dd]istinguished|"
                           rf"[Ee]xtended|{_PRECEDENT_VERBS})[ \t]+$")
_IN_BEFORE = re.compile(r"(?<![\w-])[Ii]n[ \t]+$")
_COMMA_CLAUSE = re.compile(r"[ \t]*,[ \t]+(?:the|a|an|[Jj]ustice|[a-z]\w*)\b")
_CITED_AFTER = re.compile(r"[ \t]+(?:(?:unambiguously|clearly|expressly|explicitly|squarely|also|itself)[ \t]+)?"
                          r"(?:held|holds|requires|required|established|establishes|recognized|recognised|"
                          r"says[ \t]+that|said[ \t]+that|makes[ \t]+clear|made[ \t]+clear|controls|governs|"
                          r"overturned|overruled|decision|ruling|precedent|holding|majority|line[ \t]+of[ \t]+cases|"
                          r"was[ \t]+decided|was[ \t]+delivered)\b")
_POSSESSIVE = re.compile(r"['’]s?\b")
# A sentence's first word before the party: 'In| Brown v. Board of Education', 'But| Roe v. Wade'.
_LEAD_WORD = re.compile(r"(?:In|Under|The|But|And|Since|After|Before|While|When|Unlike|Like|As|Following|So|Yet|If|"
                        r"Although|Because|Until|Once)[ \t]+")


@dataclass
class Cases:
    """The cases a text names: the span of each full name, and the folded names that cite a case."""
    spans: list[tuple[int, int]]
    parties: set[str]

    def cites(self, text: str, start: int, end: int) -> bool:
        """The mention stands for a case: inside a case's full name, or a name that cites a case written
        as a citation ('in MCI, Justice Scalia's opinion', 'reaffirm Campbell', 'under Roe', 'Roe held')."""
        if not (self.spans or self.parties):
            return False  # (most texts: no case)
        if any(low <= start and end <= high for low, high in self.spans):
            return True
        if fold(text[start:end]) not in self.parties or _POSSESSIVE.match(text, end):
            return False
        before = text[max(0, start - WINDOW):start]
        return (_CITED_BEFORE.search(before) is not None or _CITED_AFTER.match(text, end) is not None
                or (_IN_BEFORE.search(before) is not None and _COMMA_CLAUSE.match(text, end) is not None))


def cases(text: str) -> Cases:
    """The cases the text names, near a court's words: in full ('Roe v. Wade'), or cited by the first
    party ('in MCI, Justice Scalia's opinion', 'reaffirm Campbell'). Two scans of the text."""
    spans, parties = [], set()
    for found in _CASE.finditer(text) if " v. " in text or " vs. " in text else ():
        if _COURT.search(text, max(0, found.start() - 200), found.end() + 200):
            spans.append(found.span())
            lead = _LEAD_WORD.match(found.group("first"))
            parties.add(fold(found.group("first")[lead.end() if lead else 0:]))
    for found in _CITED.finditer(text) if has_any(text, _CITED_HINTS) else ():
        if _COURT.search(text, max(0, found.start() - _COURT_WINDOW), found.end() + _COURT_WINDOW):
            parties.add(fold(found.group("in") or found.group("verb") or found.group("judged")))
    return Cases(spans, parties)
