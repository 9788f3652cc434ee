/**
 * The web explorer, pharmacy check and patient portal: static files (HTML, CSS, plain ES modules) from the node jar,
 * served under {@value org.careledger.node.web.WebAssets#PREFIX}. They carry no data; every data call the pages make
 * is an RFC 9421 signed API request built in the browser.
 */
package org.careledger.node.web;
