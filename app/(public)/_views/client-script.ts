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
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";

export const CLIENT_SCRIPT = `(()=>{const d=document;
const f=e=>{const t=new Date(e.getAttribute("datetime")),k=e.dataset.format;if(isNaN(t))return;
if(k==="ago"){const s=Math.max(0,Math.round((Date.now()-t)/1e3));e.textContent=s<60?s+" s ago":s<3600?Math.floor(s/60)+" min ago":Math.floor(s/3600)+" h ago";return}
e.textContent=new Intl.DateTimeFormat(void 0,k==="date"?{dateStyle:"medium"}:k==="time"?{timeStyle:"short"}:{dateStyle:"medium",timeStyle:"short"}).format(t)};
const all=()=>d.querySelectorAll("time[data-format]").forEach(f);all();
setInterval(()=>d.querySelectorAll("time[data-format=ago]").forEach(f),1e3);
const L=${JSON.stringify(COMPONENT_STATUS_LABELS)},fd=new Intl.DateTimeFormat(void 0,{dateStyle:"medium",timeZone:"UTC"}),
tip=d.createElement("div"),mark=d.createElement("i"),at=(e,o)=>{for(const k in o)e.setAttribute(k,o[k])},
N=s=>+s.getAttribute("aria-valuemax"),V=s=>+s.getAttribute("aria-valuenow")-1;
let got={},data={},cur=null;tip.className="tip";tip.hidden=true;at(tip,{"aria-hidden":"true"});mark.className="mark";d.body.append(tip);
const strips=()=>d.querySelectorAll(".days").forEach(s=>{const n=s.querySelector("svg").viewBox.baseVal.width;s.tabIndex=0;at(s,{role:"slider","aria-valuemin":1,"aria-valuemax":n,"aria-valuenow":n})});strips();
const load=c=>got[c]??=fetch("/api/v2/components/"+encodeURIComponent(c)+"/uptime.json").then(r=>r.ok?r.json():0).catch(()=>0).then(j=>data[c]=j);
const id=s=>s.closest("[data-component-id]").dataset.componentId;
const text=(s,i)=>{const t=new Date(Date.parse(s.closest("[data-from]").dataset.from)+i*864e5),c=id(s),h=fd.format(t)+": ";if(!(c in data))return h+"…";
const x=data[c]&&data[c].days.find(y=>y.date===t.toISOString().slice(0,10));if(!x)return h+"details unavailable.";const n=x.incidents.length;
return h+(x.status?(x.uptime==null?"":(Math.floor(x.uptime*1e4+1e-7)/100).toFixed(2)+"% uptime. ")+L[x.status]:"No data")+". "+(n?n+" incident"+(n>1?"s":"")+": "+x.incidents.map(k=>k.name).join("; "):"No incidents")+"."};
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
