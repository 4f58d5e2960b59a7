// The public page's only script (inline, < 1.5 KB): times in the visitor's time zone (the HTML
// carries UTC text as the no-JS fallback and on hover), "updated N s ago", and live updates — on a
// server-sent "change" event it fetches the same page again and swaps <main>, keeping the groups
// the visitor collapsed. Without JavaScript the page is complete, server-rendered HTML.
export const CLIENT_SCRIPT = `(()=>{const d=document;
const f=e=>{const t=new Date(e.getAttribute("datetime")),k=e.dataset.format;if(isNaN(t))return;
if(k==="ago"){const s=Math.max(0,Math.round((Date.now()-t)/1e3));e.textContent=s<60?s+" s ago":s<3600?Math.floor(s/60)+" min ago":Math.floor(s/3600)+" h ago";return}
e.textContent=new Intl.DateTimeFormat(void 0,k==="date"?{dateStyle:"medium"}:k==="time"?{timeStyle:"short"}:{dateStyle:"medium",timeStyle:"short"}).format(t)};
const all=()=>d.querySelectorAll("time[data-format]").forEach(f);all();
setInterval(()=>d.querySelectorAll("time[data-format=ago]").forEach(f),1e3);
if(!d.body.dataset.live||!window.EventSource)return;let busy=0,again=0;
const refresh=async()=>{if(busy){again=1;return}busy=1;try{const r=await fetch(location.href,{cache:"no-store"});
if(r.ok){const n=new DOMParser().parseFromString(await r.text(),"text/html").querySelector("main"),m=d.querySelector("main");
if(n&&m){const closed=[...m.querySelectorAll("details[id]:not([open])")].map(x=>x.id);
closed.forEach(id=>{const x=n.querySelector("#"+CSS.escape(id));x&&x.removeAttribute("open")});m.replaceWith(n);all();d.body.dataset.refreshed=String(Date.now())}}}catch{}
busy=0;if(again){again=0;refresh()}};
new EventSource("/api/live").addEventListener("change",refresh)})();`;
