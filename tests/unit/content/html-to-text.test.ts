import {expect} from '@open-wc/testing';
import {htmlToBlocks, htmlToText} from '../../../src/content/html-to-text.js';

const HTML =
  '<h2>Credit limits</h2>\n<p>Up to <strong>£50</strong> &amp; no more.</p>\n' +
  '<ul>\n<li>Agents: <a href="#" data-aa-article="x">£20</a></li>\n<li></li>\n</ul>\n<p>&lt;script&gt;</p>';

describe('htmlToText', () => {
  it('should join every block into one line of text', () => {
    expect(htmlToText(HTML)).to.equal('Credit limits Up to £50 & no more. Agents: £20 <script>');
  });
});

describe('htmlToBlocks', () => {
  it('should give the text of each block, inline tags dropped and empty blocks left out', () => {
    expect(htmlToBlocks(HTML)).to.deep.equal([
      'Credit limits',
      'Up to £50 & no more.',
      'Agents: £20',
      '<script>',
    ]);
  });
});
