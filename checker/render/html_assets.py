"""How the HTML pages look: the stylesheet and the CSP (their words are in ``labels.py``).

Kept apart from ``html.py`` so that the page logic reads without 200 lines of CSS and wording in the
way. Nothing here is report-derived: these strings are written into the page as they are.
"""

from __future__ import annotations

# No script at all: the page needs none (links scroll to the marks, the severity filter is CSS `:has`),
# and a page that runs no script cannot be made to run a hostile report's script either. The policy is
# the second line of defence; escaping (html.py) is the first.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; "
       "base-uri 'none'; form-action 'none'")

CSS = """
:root{--fg:#1f2328;--dim:#656d76;--line:#d0d7de;--bg:#f6f8fa;--red:#c92a2a;--orange:#e8590c;
--ok:#1a7f37;--err-bg:#ffd8a8;--warn-bg:#fff3bf;--info-bg:#d0ebff}
*{box-sizing:border-box}

body{margin:0;color:var(--fg);background:#fff;line-height:1.65;
font:15px/1.65 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",system-ui,sans-serif}
main{max-width:1180px;margin:0 auto;padding:0 24px 48px}
nav{position:sticky;top:0;z-index:2;background:rgba(255,255,255,.96);border-bottom:1px solid var(--line)}
nav ul{max-width:1180px;margin:0 auto;padding:6px 24px;list-style:none;display:flex;gap:20px}
nav a{color:var(--dim);text-decoration:none}nav a:hover{color:var(--fg)}
h1{font-size:24px;margin:18px 0 8px;word-break:break-all}
h2{font-size:19px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:18px 0 6px}
section,[id]{scroll-margin-top:48px}
header{display:flex;gap:24px;align-items:flex-start;justify-content:space-between;padding-top:8px}
header>div:first-child{flex:1;min-width:0}
dl.meta{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:2px 12px;margin:0}
dl.meta dt{color:var(--dim)}dl.meta dd{margin:0;word-break:break-all}
.verdict{min-width:230px;border:2px solid;border-radius:10px;padding:12px 16px;text-align:center}
.verdict.pass{border-color:var(--ok)}.verdict.fail{border-color:var(--red)}
.score{font-size:44px;font-weight:700;line-height:1.1}.score small{font-size:16px;color:var(--dim)}
.pass .score,.pass .gate{color:var(--ok)}.fail .score,.fail .gate{color:var(--red)}
.gate{font-size:18px;font-weight:700}.reason{margin:4px 0;font-size:13px}
.dim{color:var(--dim);font-size:13px}
.bar{height:10px;background:#ffe3e3;border-radius:5px;overflow:hidden;margin:6px 0 12px;max-width:600px}
.bar span{display:block;height:100%;background:var(--ok)}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:24px}
.cols>div{min-width:0}
#checklist td:first-child{min-width:7.5em}#checklist td:nth-child(2),#checklist td:nth-child(3){white-space:nowrap}
.yes{color:var(--ok);font-weight:700}.no{color:var(--red);font-weight:700}.no.opt{color:var(--orange)}
ul.outline{list-style:none;padding:0;margin:0}
ul.outline li{padding:1px 0;word-break:break-all}
.lv2{padding-left:1.5em!important}.lv3{padding-left:3em!important}.lv4,.lv5,.lv6{padding-left:4.5em!important}
.tag{display:inline-block;font-size:12px;border-radius:4px;padding:0 6px;margin-left:6px;
background:#dafbe1;color:var(--ok)}
.filters{margin:6px 0;color:var(--dim)}.filters label{margin-right:14px;cursor:pointer}
ol.findings{list-style:none;padding:0;margin:0}
ol.findings li{display:grid;grid-template-columns:88px 1fr auto;gap:10px;padding:6px 8px;
border-left:4px solid var(--line);margin:4px 0;background:var(--bg);border-radius:0 6px 6px 0}
li.sev-error{border-left-color:var(--red)}li.sev-warning{border-left-color:var(--orange)}
li.sev-info{border-left-color:#1c7ed6}
a.loc{white-space:nowrap;text-align:right}
q.ev{display:block;color:var(--dim);font-size:13px;word-break:break-all}
code{font:12px ui-monospace,monospace;color:var(--dim)}.pts{font-weight:700;color:var(--red);margin-left:6px}
.basis{display:block;font-size:12px;color:var(--dim)}
.fix{display:block;color:#1a7f37}
body:has(#show-error:not(:checked)) section.sev-error,body:has(#show-warning:not(:checked)) section.sev-warning,
body:has(#show-info:not(:checked)) section.sev-info{display:none}
.text{border:1px solid var(--line);border-radius:8px;padding:12px 16px 12px 64px;background:#fff}
.text p{margin:0;position:relative;white-space:pre-wrap;word-break:break-all;min-height:1.65em}
.text p::before{content:attr(data-line);position:absolute;left:-52px;width:40px;text-align:right;
color:#8c959f;font-size:12px;user-select:none}
mark{border-radius:2px;color:inherit;padding:0 1px}
mark.sev-error{background:var(--err-bg);box-shadow:inset 0 -2px var(--red)}
mark.sev-warning{background:var(--warn-bg);box-shadow:inset 0 -2px var(--orange)}
mark.sev-info{background:var(--info-bg)}
mark.pt::after{content:"▲";color:var(--red);font-size:10px}
mark:target{outline:3px solid #1c7ed6;outline-offset:1px}
span.ru{color:var(--red)}
.legend{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;font-size:13px;background:var(--bg);
padding:8px 12px;border-radius:6px;margin:8px 0}
.sw{display:inline-block;min-width:3em;text-align:center;border-radius:3px}
.same{color:var(--red)}.edit{color:var(--orange);background:#fff4e6}.gone{color:#8c959f;text-decoration:line-through}
.sbs td{width:50%;font-size:14px;word-break:break-all;white-space:pre-wrap}
.ph{color:var(--dim);font-size:12px;margin-bottom:2px}
.verdict-line{font-weight:600}.high{color:var(--red)}.mid{color:var(--orange)}.low{color:var(--ok)}
details summary{cursor:pointer;color:var(--dim);margin:8px 0}
svg.hist{max-width:520px;width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
svg.hist rect{fill:#4c6ef5}svg.hist text{font:11px sans-serif;fill:#495057}
figure{margin:0}.nowrap{white-space:nowrap}.path{color:var(--dim);font-size:12px;word-break:break-all}
#ranking td:nth-child(2){min-width:14em}
.hists{display:grid;grid-template-columns:1fr 1fr;gap:24px}
@media (max-width:800px){.cols,.hists{grid-template-columns:1fr}header{flex-direction:column}}
#totals{display:grid;grid-template-columns:max-content 1fr;gap:6px 28px;align-items:center;margin:16px 0 0;
padding:12px 18px;border:1px solid var(--line);border-left:6px solid var(--ok);border-radius:8px;background:var(--bg)}
#totals.level-mid{border-left-color:var(--orange)}#totals.level-high{border-left-color:var(--red)}
#totals .k{display:block;color:var(--dim);font-size:13px}
#totals .big{font-size:34px;line-height:1.1}#totals.level-low .big{color:var(--ok)}#totals.level-mid .big{color:var(--orange)}#totals.level-high .big{color:var(--red)}
#totals .stats{display:grid;grid-template-columns:repeat(6,minmax(5.5em,1fr));gap:4px 16px}
#totals .v{font-weight:700}#totals .stats .v{font-size:18px}
#totals .src{grid-column:1/-1;border-top:1px solid var(--line);padding-top:4px;word-break:break-all}
#totals .src .k{display:inline}#totals .src a{font-size:13px}
@media (max-width:800px){#totals{grid-template-columns:1fr}#totals .stats{grid-template-columns:repeat(3,1fr)}}
/* Printing (and --format pdf): A4, the interactive bits gone, each big part on a new page. */
@page{size:A4;margin:16mm 14mm}
@media print{nav,.filters,details summary{display:none}a{color:inherit;text-decoration:none}
body{font-size:11pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}main{max-width:none;padding:0}
header,#totals,tr,ol.findings li,.legend{break-inside:avoid}h2,h3{break-after:avoid}
#findings,#reuse,#text{break-before:page}
header{flex-direction:row}#totals{grid-template-columns:max-content 1fr}
#totals .stats{grid-template-columns:repeat(6,1fr)}.cols{grid-template-columns:1fr}.text{padding-left:48px}.text p::before{left:-44px}}
"""
