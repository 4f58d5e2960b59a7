// The public page's only script (inline, < 5 KB): times in the visitor's time zone (the HTML
// carries UTC text as the no-JS fallback and on hover), "updated N s ago", the day strips (day-strip.tsx)
// as keyboard and pointer widgets, and live updates — on a server-sent "change" event it fetches the
// same page again and swaps <main>, keeping the groups the visitor collapsed and the day strip they
// were on. Without JavaScript the page is complete, server-rendered HTML.
//
// A day strip becomes a slider over its days (one tab stop per component): arrows, Page Up/Down (a
// week), Home and End move the day, pointer and touch pick the day under them, Escape hides the
// tooltip. The day's details are the slider's value text (what a screen reader announces) and a
// tooltip kept inside the viewport; they come from the component's cached uptime JSON, fetched once
// per component on first use (again after a live update).
//
// The script is one constant (its hash is in the CSP), so its words come from the page: <body
// data-t> holds them in the page's language (clientStrings), and dates and numbers are formatted for
// <html lang> (in the visitor's own regional variant of it when their browser names one).
import { ComponentStatus } from "@/lib/generated/prisma/enums";
import type { Translator } from "@/lib/i18n/translator";

const clientStringsByLanguage = new Map<Translator, string>();

/** The script's words in `t`'s language, as the JSON of <body data-t>; "{n}" and "{p}" are filled in by the script. */
export function clientStrings(translator: Translator): string {
  let json = clientStringsByLanguage.get(translator);
  if (json === undefined) clientStringsByLanguage.set(translator, (json = scriptWords(translator)));
  return json;
}

function scriptWords({ t }: Translator): string {
  return JSON.stringify({
    s: t("script.secondsAgo", { n: "{n}" }),
    m: t("script.minutesAgo", { n: "{n}" }),
    h: t("script.hoursAgo", { n: "{n}" }),
    na: t("script.dayUnavailable"),
    up: t("script.dayUptime", { p: "{p}" }),
    nd: t("script.dayNoData"),
    i1: t("script.oneIncident"),
    iN: t("script.manyIncidents", { n: "{n}" }),
    i0: t("script.noIncidents"),
    L: Object.fromEntries(Object.values(ComponentStatus).map((status) => [status, t(`componentStatus.${status}`)])),
  });
}

export const CLIENT_SCRIPT = `(()=>{const d=document,S=JSON.parse(d.body.dataset.t),hl=d.documentElement.lang,
lg=[...navigator.languages].find(l=>l.split("-")[0]===hl)||hl,F=(k,v)=>S[k].replace(/\{[np]\}/,v);
const f=e=>{const t=new Date(e.getAttribute("datetime")),k=e.dataset.format;if(isNaN(t))return;
if(k==="ago"){const s=Math.max(0,Math.round((Date.now()-t)/1e3));e.textContent=s<60?F("s",s):s<3600?F("m",Math.floor(s/60)):F("h",Math.floor(s/3600));return}
e.textContent=new Intl.DateTimeFormat(lg,k==="date"?{dateStyle:"medium"}:k==="time"?{timeStyle:"short"}:{dateStyle:"medium",timeStyle:"short"}).format(t)};
const all=()=>d.querySelectorAll("time[data-format]").forEach(f);all();
setInterval(()=>d.querySelectorAll("time[data-format=ago]").forEach(f),1e3);
const L=S.L,fd=new Intl.DateTimeFormat(lg,{dateStyle:"medium",timeZone:"UTC"}),pc=new Intl.NumberFormat(lg,{minimumFractionDigits:2,maximumFractionDigits:2}),
tip=d.createElement("div"),mark=d.createElement("i"),at=(e,o)=>{for(const k in o)e.setAttribute(k,o[k])},
N=s=>+s.getAttribute("aria-valuemax"),V=s=>+s.getAttribute("aria-valuenow")-1;
let got={},data={},cur=null;tip.className="tip";tip.hidden=true;at(tip,{"aria-hidden":"true"});mark.className="mark";d.body.append(tip);
const strips=()=>d.querySelectorAll(".days").forEach(s=>{const n=s.querySelector("svg").viewBox.baseVal.width;s.tabIndex=0;at(s,{role:"slider","aria-valuemin":1,"aria-valuemax":n,"aria-valuenow":n})});strips();
const load=c=>got[c]??=fetch("/api/v2/components/"+encodeURIComponent(c)+"/uptime.json").then(r=>r.ok?r.json():0).catch(()=>0).then(j=>data[c]=j);
const id=s=>s.closest("[data-component-id]").dataset.componentId;
const text=(s,i)=>{const t=new Date(Date.parse(s.closest("[data-from]").dataset.from)+i*864e5),c=id(s),h=fd.format(t)+": ";if(!(c in data))return h+"…";
const x=data[c]&&data[c].days.find(y=>y.date===t.toISOString().slice(0,10));if(!x)return h+S.na;const n=x.incidents.length;
return h+(x.status?(x.uptime==null?"":F("up",pc.format(Math.floor(x.uptime*1e4+1e-7)/100)))+L[x.status]:S.nd)+". "+(n?(n>1?F("iN",n):S.i1)+x.incidents.map(k=>k.name).join("; "):S.i0)+"."};
const put=(s,i)=>{const n=N(s),t=text(s,i),w=d.documentElement.clientWidth;at(s,{"aria-valuetext":t});tip.textContent=t;tip.hidden=false;tip.style.left="0";
mark.style.left=i/n*100+"%";mark.style.width=80/n+"%";s.append(mark);
const r=s.getBoundingClientRect(),x=r.left+(i+.4)/n*r.width,tw=tip.offsetWidth,th=tip.offsetHeight;
tip.style.left=scrollX+Math.max(8,Math.min(w-tw-8,x-tw/2))+"px";tip.style.top=scrollY+(r.top>th+12?r.top-th-8:r.bottom+8)+"px"};
const show=(s,i)=>{i=Math.max(0,Math.min(N(s)-1,i));if(cur===s&&V(s)===i&&!tip.hidden)return;at(s,{"aria-valuenow":i+1});cur=s;put(s,i);
const c=id(s);if(!(c in data))load(c).then(()=>{cur===s&&V(s)===i&&put(s,i)})};
const hide=()=>{tip.hidden=true;mark.remove();cur=null};
const strip=e=>e.target.closest&&e.target.closest(".days");
d.addEventListener("focusin",e=>{const s=strip(e);s&&show(s,V(s))});
d.addEventListener("focusout",e=>{e.target===cur&&hide()});
d.addEventListener("keydown",e=>{if(e.key==="Escape")return hide();const s=strip(e);if(!s)return;const v=V(s),
k={ArrowLeft:v-1,ArrowDown:v-1,ArrowRight:v+1,ArrowUp:v+1,PageDown:v-7,PageUp:v+7,Home:0,End:N(s)-1}[e.key];if(k==null)return;e.preventDefault();show(s,k)});
const point=e=>{const s=strip(e);if(s){const r=s.getBoundingClientRect();show(s,Math.floor((e.clientX-r.left)/r.width*N(s)))}else if(cur&&e.target!==tip&&d.activeElement!==cur)hide()};
d.addEventListener("pointermove",point);d.addEventListener("pointerdown",point);
if(!d.body.dataset.live||!window.EventSource)return;let busy=0,again=0;
const refresh=async()=>{if(busy){again=1;return}busy=1;try{const r=await fetch(location.href,{cache:"no-store"});
if(r.ok){const n=new DOMParser().parseFromString(await r.text(),"text/html").querySelector("main"),m=d.querySelector("main");
if(n&&m){const closed=[...m.querySelectorAll("details[id]:not([open])")].map(x=>x.id),a=d.activeElement,c=a&&a.matches(".days")&&id(a),v=c&&a.getAttribute("aria-valuenow");
closed.forEach(id=>{const x=n.querySelector("#"+CSS.escape(id));x&&x.removeAttribute("open")});hide();m.replaceWith(n);all();got={};data={};strips();
const s=c&&n.querySelector('[data-component-id="'+CSS.escape(c)+'"] .days');if(s){at(s,{"aria-valuenow":v});s.focus()}d.body.dataset.refreshed=String(Date.now())}}}catch{}
busy=0;if(again){again=0;refresh()}};
new EventSource("/api/live").addEventListener("change",refresh)})();`;
