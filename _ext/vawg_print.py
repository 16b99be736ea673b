"""The PDF edition's look: a report's typeface, title page, chapter openings, running heads and tables.

* Type: Charis SIL for the text (a book face made for reading at 10 pt), Lato for headings, captions,
  tables and running heads, DejaVu Sans Mono for code: Debian's fonts-sil-charis, fonts-lato and
  fonts-dejavu-core, which scripts/setup.sh installs. They are named by file, so that a family's other
  weights (Lato Heavy, say) are never taken for its bold.
* A title page with the title, a subtitle (``vawg_subtitle`` in _config.yml), the author, the edition and
  its date (``config.today``, from the data package), the data's licence and the content note.
* Chapter openings: the number and the title in the sans, with a rule; no "CHAPTER ONE" (fncychap is off).
  The content note that opens each chapter is appended by ``vawg_book`` to the same ``\\@makechapterhead``.
* Running heads: the report's title and the chapter; page numbers at the foot.
* Tables in the sans, smaller, ragged right, headers never hyphenated; quote marks (``vawg_quotes``) as a
  highlighter's band behind the words with the rows in small type.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from analysis.escape import latex_text

FONTS = r"""
\setmainfont{CharisSIL}[Extension=.ttf, UprightFont=*-Regular, ItalicFont=*-Italic, BoldFont=*-Bold,
  BoldItalicFont=*-BoldItalic]
\setsansfont{Lato}[Extension=.ttf, UprightFont=*-Regular, ItalicFont=*-Italic, BoldFont=*-Bold,
  BoldItalicFont=*-BoldItalic]
\setmonofont{DejaVuSansMono}[Extension=.ttf, UprightFont=*, ItalicFont=*-Oblique, BoldFont=*-Bold,
  BoldItalicFont=*-BoldOblique, Scale=MatchLowercase]
"""

# Loaded where Sphinx loads fncychap (before sphinx.sty and before vawg_book's preamble appends the content
# note to \@makechapterhead), so the chapter heads are defined first and extended after.
CHAPTER_HEADS = r"""
\makeatletter
\def\@makechapterhead#1{\vspace*{4pt}{\parindent\z@\raggedright\sffamily
  \ifnum\c@secnumdepth>\m@ne{\fontsize{14}{17}\selectfont\bfseries\color{vawgaccent}\thechapter}\par\nobreak\vskip 2pt\fi
  {\fontsize{22}{27}\selectfont\bfseries #1\par}\nobreak\vskip 8pt
  {\color{vawgaccent}\rule{\linewidth}{0.8pt}}\par\nobreak\vskip 16pt}}
\def\@makeschapterhead#1{\vspace*{4pt}{\parindent\z@\raggedright\sffamily
  {\fontsize{22}{27}\selectfont\bfseries #1\par}\nobreak\vskip 8pt
  {\color{vawgaccent}\rule{\linewidth}{0.8pt}}\par\nobreak\vskip 16pt}}
\makeatother
"""

PREAMBLE = r"""
\usepackage{etoolbox}
% The home page's top (Sphinx wraps a classed container in sphinxuseclass, which opens sphinxclass<name>): the
% headline large and bold in the sans, the standfirst a size up, the byline small and grey.
\newenvironment{sphinxclassvawg-headline}{\par\raggedright\sffamily\bfseries\LARGE}{\par\smallskip}
\newenvironment{sphinxclassvawg-standfirst}{\par\large}{\par}
\newenvironment{sphinxclassvawg-byline}{\par\small\sffamily\color{vawggrey}}{\par\medskip}
\definecolor{vawgaccent}{RGB}{0,82,128}
\definecolor{vawggrey}{gray}{0.38}
% The highlight behind a quote; tests/test_pdf.py finds the passages by this fill colour.
\definecolor{vawgmark}{RGB}{252,228,150}
\usepackage[font={small,sf},labelfont=bf]{caption}
% A wrapped code line's mark, drawn from the code's own font (Sphinx's default is a maths arrow, which
% brings Computer Modern into the PDF).
\sphinxsetup{verbatimcontinued={\makebox[2ex][r]{\textcolor{vawggrey}{\tiny\char"21AA}}}}
\makeatletter
% An address may break after a hyphen too, and inline code after a "+": the sources' long addresses and the
% dictionary's id patterns otherwise run into the margin or the next column;
\g@addto@macro\UrlBreaks{\do\-}
\g@addto@macro\sphinxbreaksafteractivelist{\do\+}
% and after a hyphen (an enumerated value such as enforcement-presence), which Sphinx keeps from breaking.
\protected\def\vawg@codehyphen#1{\mbox{-}\allowbreak}
\renewcommand*{\sphinxhyphenininlineliteral}{\vawg@codehyphen}
% Running heads: the report's title and the chapter at the head, the page number at the foot. fancyhdr
% resets \chaptermark whenever a style is chosen, hence its definition inside the style.
\fancypagestyle{normal}{\fancyhf{}%
  \fancyhead[L]{\footnotesize\sffamily\color{vawggrey}\@title}%
  \fancyhead[R]{\footnotesize\sffamily\color{vawggrey}\nouppercase{\leftmark}}%
  \fancyfoot[L]{\footnotesize\sffamily\color{vawggrey}\@date}%
  \fancyfoot[R]{\small\sffamily\thepage}%
  \renewcommand{\headrulewidth}{0.3pt}\renewcommand{\footrulewidth}{0pt}%
  \def\chaptermark##1{\markboth{\ifnum\c@secnumdepth>\m@ne\thechapter\quad\fi##1}{}}}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[R]{\small\sffamily\thepage}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
% Tables: small sans, ragged right (justified narrow columns gape), headers in bold and never hyphenated.
% analysis/book.py sizes the print columns for this font and this \tabcolsep.
% tabulary (the data dictionary's tables) gives a column at least \tymin, so a column of field names is not
% squeezed below its names by the long descriptions beside it.
% A table too crowded for 9 pt is preceded by \vawgdensetable (analysis/book.py), which sets it at 8 pt.
\newcommand{\vawg@tablesize}{\small}
\newcommand{\vawgdensetable}{\gdef\vawg@tablesize{\footnotesize}}
% In a table a hyphen stands between unbreakable glue and breakable glue, so that TeX may also hyphenate the
% words on either side ("commen-tary-author"), as analysis/book.py's widths assume.
\protected\def\vawg@tablehyphen#1{\nobreak\hskip\z@skip-\penalty\exhyphenpenalty\hskip\z@skip}
\newcommand{\vawgtablestyle}{\vawg@tablesize\gdef\vawg@tablesize{\small}\sffamily\setlength{\tabcolsep}{4pt}%
  \setlength{\tymin}{76pt}\let\sphinxhyphen\vawg@tablehyphen
  \let\vawg@atstartpar\sphinxAtStartPar
  \def\sphinxAtStartPar{\raggedright\arraybackslash\vawg@atstartpar}}
\pretocmd{\sphinxatlongtablestart}{\vawgtablestyle}{}{}
\pretocmd{\sphinxattablestart}{\vawgtablestyle}{}{}
\protected\def\sphinxstyletheadfamily{\sffamily\bfseries\hyphenpenalty\@M}
% A quote: each word in a box over the band, each space a banded glue that stretches and breaks like a
% space (the band never runs into the margin), then the rows it carries in small type.
\newcommand{\vawgword}[1]{\setbox\z@\hbox{#1}%
  \rlap{\color{vawgmark}\vrule\@width\wd\z@\@height.78em\@depth.24em}\box\z@}
\newcommand{\vawgspace}{{\color{vawgmark}\leaders\vrule\@height.78em\@depth.24em
  \hskip\fontdimen2\font\@plus\fontdimen3\font\@minus\fontdimen4\font}}
\newcommand{\vawgquote}[2]{#1\textsuperscript{\,\sffamily\color{vawggrey}#2}}
\makeatother
"""

TITLE_PAGE = r"""
\makeatletter
\newcommand{\vawgtitlepage}{%
  \hypersetup{pdftitle={\@title}, pdfauthor={\@author}}%
  \begin{titlepage}\sffamily\raggedright
    \vspace*{3cm}
    {\color{vawgaccent}\rule{2.5cm}{3pt}}\par\vspace{16pt}
    {\fontsize{30}{37}\selectfont\bfseries\@title\par}\vspace{16pt}
    {\fontsize{15}{20}\selectfont\color{vawggrey}\vawgsubtitle\par}\vspace{42pt}
    {\large\bfseries\@author\par}\vspace{4pt}
    {\large\@date\par}
    \vfill
    {\rmfamily\vawgsupport}
    {\footnotesize\color{vawggrey}\vawglicence\par}
  \end{titlepage}}
\makeatother
"""


def print_look(app, config) -> None:
    package = json.loads((Path(app.srcdir) / "data" / "datapackage.json").read_text(encoding="utf-8"))
    # The PDF's dates (and the identifier xdvipdfmx derives from them) are the edition's, not the build
    # clock's, so two builds of the same inputs give the same bytes. latexmk inherits this environment.
    created = dt.datetime.fromisoformat(package["created"].replace("Z", "+00:00"))
    os.environ["SOURCE_DATE_EPOCH"] = str(int(created.timestamp()))
    os.environ["FORCE_SOURCE_DATE"] = "1"
    licences = ", ".join(licence["title"] for licence in package.get("licenses", []))
    elements = dict(config.latex_elements or {})
    elements["fontpkg"] = FONTS
    elements["fncychap"] = CHAPTER_HEADS
    elements["maketitle"] = r"\vawgtitlepage"
    elements["preamble"] = elements.get("preamble", "") + PREAMBLE + TITLE_PAGE + (
        f"\\newcommand{{\\vawgsubtitle}}{{{latex_text(config.vawg_subtitle)}}}\n"
        f"\\newcommand{{\\vawglicence}}{{The data: {latex_text(licences)}. Every number and date in this report is drawn "
        "from a data row that carries the exact words of its source.}\n")
    config.latex_elements = elements


def setup(app):
    app.add_config_value("vawg_subtitle", "", "env", types=[str])
    app.connect("config-inited", print_look)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
