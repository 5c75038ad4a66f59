/// A seeded generator of support-desk tickets from the fictional Northwind shop: a customer's
/// question on a `Q:` line and the agent's reply on an `A:` line that opens with "Hello!" and ends
/// with "<regards>, <agent> at Northwind Support".
///
/// The text is deliberately unlike the general prose corpora: informal lower-case questions, a
/// formal reply register, order numbers (`#4821`), tracking codes (`NW-581302`), prices (`$49.90`),
/// product names and a fixed sign-off, so fine-tuning on it has a clear, measurable effect.
/// Output is printable ASCII; each ticket ends with a newline.
struct SupportDeskGenerator: Sendable {
  /// The kinds of request the desk handles.
  enum Issue: CaseIterable, Sendable {
    case lateDelivery, damagedItem, refund, wrongItem, doubleCharge, addressChange, account, discountCode,
      warranty, cancellation, invoice
  }

  /// One ticket: `"Q: ...\nA: ...\n"`.
  func ticket(using g: inout some RandomNumberGenerator) -> String {
    typealias W = SupportDeskWords
    let order = "#\(g.corpusInteger(in: 1000...9999))"
    let product = g.corpusPick(W.products)
    let otherProduct = g.corpusPick(W.products.filter { $0 != product })
    let price = "$\(g.corpusInteger(in: 9...249)).\(g.corpusPick(["00", "50", "90", "95", "99", "49"]))"
    let days = g.corpusInteger(in: 2...7)
    let opening = g.corpusPick(W.customerOpenings)
    let question: String
    let reply: String

    switch g.corpusPick(Issue.allCases) {
    case .lateDelivery:
      question = g.corpusPick([
        "my order \(order) has not arrived", "where is my order \(order)? it has been \(days + 5) days",
        "order \(order) still says processing", "still waiting for my \(product.lowercased()), order \(order)",
        "my \(product.lowercased()) was supposed to come last week (order \(order))",
      ])
      let tracking = "NW-\(g.corpusInteger(in: 100_000...999_999))"
      reply = "Sorry about the delay with order \(order). I checked with our warehouse and your \(product) left us on \(g.corpusPick(W.weekdays)); the tracking number is \(tracking). It should reach you within \(days) working days. If it has not arrived by then, reply to this message and I will send a replacement right away."
    case .damagedItem:
      question = g.corpusPick([
        "my \(product.lowercased()) arrived broken", "the \(product.lowercased()) from order \(order) is cracked",
        "the box was crushed and the \(product.lowercased()) does not work",
        "received order \(order) today but the \(product.lowercased()) is damaged",
      ])
      reply = "I am sorry to hear that your \(product) arrived damaged. I have arranged a free replacement for order \(order), and it will ship within \(days) working days. You do not need to return the damaged item."
    case .refund:
      question = g.corpusPick([
        "i want a refund for the \(product.lowercased())", "how do i return the \(product.lowercased()) from order \(order)?",
        "can i get my money back for order \(order)", "the \(product.lowercased()) is not what i expected, refund please",
      ])
      reply = "Thank you for contacting Northwind Support. I have started a refund of \(price) for order \(order). Please send the \(product) back with the prepaid label attached to this email; the money will be back on your card within \(days) working days of our receiving it."
    case .wrongItem:
      question = g.corpusPick([
        "i ordered \(EnglishInflection.article(before: product)) \(product.lowercased()) but got \(EnglishInflection.article(before: otherProduct)) \(otherProduct.lowercased())", "wrong item in order \(order)",
        "there is \(EnglishInflection.article(before: otherProduct)) \(otherProduct.lowercased()) in my parcel instead of the \(product.lowercased())",
      ])
      reply = "I am sorry that you received the \(otherProduct) instead of the \(product) you ordered. I have sent the correct item today under order \(order); please keep the \(otherProduct) with our compliments."
    case .doubleCharge:
      question = g.corpusPick([
        "i was charged twice for order \(order)", "why did you take \(price) two times?",
        "my bank shows two payments of \(price) for order \(order)",
      ])
      reply = "Thank you for letting us know. I can see the duplicate payment of \(price) for order \(order), and I have cancelled it. The second charge will disappear from your statement within \(days) working days."
    case .addressChange:
      question = g.corpusPick([
        "can i change the address for order \(order)?", "i moved, please send order \(order) to my new address",
        "wrong postcode on order \(order), can you fix it",
      ])
      reply = "Of course. I have updated the delivery address for order \(order), and your \(product) will go to the new address. You will receive a new tracking number by email within \(days) hours."
    case .account:
      question = g.corpusPick([
        "i cannot log in to my account", "how do i reset my password", "the reset link does not work",
        "my account is locked after too many tries",
      ])
      reply = "Sorry for the trouble with your account. I have sent a new password reset link to your email address; it is valid for \(days * 12) hours. If it does not arrive, please check your spam folder."
    case .discountCode:
      let code = g.corpusPick(W.discountCodes)
      let percent = g.corpusPick([5, 10, 15, 20])
      question = g.corpusPick([
        "the code \(code) does not work", "my discount code \(code) says expired",
        "tried \(code) at checkout for order \(order) and nothing happened",
      ])
      let month = g.corpusPick(W.months)
      reply = "Thank you for your message. The code \(code) expired on \(month) \(g.corpusInteger(in: 1...28)), but I have applied a \(percent)% discount to order \(order) by hand. The new total is \(price)."
    case .warranty:
      question = g.corpusPick([
        "my \(product.lowercased()) stopped working after \(days + 3) months",
        "is the \(product.lowercased()) still under warranty? order \(order)",
        "the \(product.lowercased()) makes a strange noise, can it be repaired",
      ])
      let ticketNumber = "NW-\(g.corpusInteger(in: 10_000...99_999))"
      reply = "I am sorry that your \(product) is not working properly. All Northwind products have a \(g.corpusPick([2, 3])) year warranty, so I have opened repair ticket \(ticketNumber) for order \(order). A courier will collect it within \(days) working days."
    case .cancellation:
      question = g.corpusPick([
        "please cancel order \(order)", "i changed my mind about the \(product.lowercased()), can i cancel?",
        "cancel my order \(order) asap",
      ])
      reply = "No problem at all. I have cancelled order \(order) and refunded \(price) to your original payment method. You will see it within \(days) working days."
    case .invoice:
      question = g.corpusPick([
        "can you send me an invoice for order \(order)", "i need a receipt for my \(product.lowercased())",
        "where can i download the invoice for \(order)?",
      ])
      reply = "Of course. I have emailed the invoice for order \(order) to the address on your account. You can also download it from the Orders page at any time."
    }

    let closing = g.corpusChance(0.7) ? " " + g.corpusPick(W.closings) : ""
    let signOff = "\(g.corpusPick(W.regards)), \(g.corpusPick(W.agents)) at \(W.company) Support"
    return "Q: \(opening)\(question)\nA: Hello! \(reply)\(closing) \(signOff)\n"
  }
}
