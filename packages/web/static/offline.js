/* The offline page's strings and its button: a file, not inline, for the Content-Security-Policy (script-src 'self'). */
/* global document, location, localStorage, navigator */
// The offline page cannot load the app's translations: it carries its own few strings.
var s = {
  es: ['Sin conexión', 'Parece que no hay conexión. Su cuenta volverá en cuanto esté en línea.', 'Reintentar'],
  fr: ['Hors ligne', 'Votre connexion semble coupée. Votre compte reviendra dès que vous serez en ligne.', 'Réessayer'],
  ar: ['أنت غير متصل', 'يبدو أن الاتصال مقطوع. سيعود حسابك فور عودة الاتصال.', 'أعد المحاولة'],
  hi: ['आप ऑफ़लाइन हैं', 'आपका कनेक्शन बंद लगता है। ऑनलाइन होते ही आपका खाता वापस आ जाएगा।', 'फिर से कोशिश करें']
};
var l = (localStorage.getItem('anx.locale') || navigator.language || 'en').slice(0, 2);
if (s[l]) {
  document.documentElement.lang = l;
  if (l === 'ar') document.documentElement.dir = 'rtl';
  document.getElementById('t').textContent = s[l][0];
  document.getElementById('b').textContent = s[l][1];
  document.getElementById('r').textContent = s[l][2];
}
document.getElementById('r').addEventListener('click', function () { location.reload(); });
